"""Every folium / HTML / PNG output of Pobratymy: the map and its layers (:mod:`.mapbuild`), presenting
(:mod:`.highlight`), coverage (:mod:`.coverage_layers`), offline assets (:mod:`.assets`), encoded
coordinates for exports (:mod:`.encode`) and the click index of partner dots (:mod:`.clicks`). Pure:
data in, folium objects or text out; no Streamlit. Every string from data goes through
:mod:`pobratymy.safe`; map elements emit their scripts verbatim (never compiled as templates)."""
