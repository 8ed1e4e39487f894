# Run from the project root: PYTHONPATH=. python data/tools/seat_overrides.py
"""Write override rows for administrative units whose seat/centre a person named (seat town looked up
in the offline gazetteer: coordinates are GeoNames', never typed)."""
import csv
from geo.geocoder import OfflineGeocoder
from geo.places import Place, read_places, write_places, place_key

g = OfflineGeocoder.default()
# key -> (seat query, why)
SEATS = {
 "DE|bavaria|bezirk oberfranken": ("Bayreuth", "seat of Bezirk Oberfranken"),
 "DE|schleswig holstein|kreis segeberg": ("Bad Segeberg", "seat of Kreis Segeberg"),
 "EE|voru county|rouge parish": ("Rõuge", "centre of Rõuge Parish"),
 "FI|etela karjala|etela karjalan liitto": ("Lappeenranta", "seat of the Regional Council of South Karelia"),
 "FR|occitanie|grand narbonne": ("Narbonne", "seat of Le Grand Narbonne agglomeration"),
 "GB|england|buckinghamshire": ("Aylesbury", "county town of Buckinghamshire"),
 "GB|england|kent": ("Maidstone", "county town of Kent"),
 "GB|lincolnshire|lincolnshire": ("Lincoln", "county town of Lincolnshire"),
 "GB|scotland|angus": ("Forfar", "administrative centre of Angus"),
 "GB|scotland|perth and kinross": ("Perth", "administrative centre of Perth and Kinross"),
 "GB|somerset|bath and north east somerset": ("Bath", "seat of Bath and North East Somerset"),
 "GB|suffolk|suffolk county council": ("Ipswich", "seat of Suffolk County Council"),
 "GB|west yorkshire|west yorkshire combined authority": ("Leeds", "seat of West Yorkshire Combined Authority"),
 "GR|south aegean|syros ermoupolis": ("Ermoupoli", "seat of the municipality of Syros-Ermoupoli"),
 "PL|lodz voivodeship|powiat zdunskowolski": ("Zduńska Wola", "seat of Zduńska Wola County"),
 "PL|lublin voivodeship|powiat bialski": ("Biała Podlaska", "seat of Biała Podlaska County"),
 "PL|lublin voivodeship|powiat krasnostawski": ("Krasnystaw", "seat of Krasnystaw County"),
 "PL|lublin voivodeship|powiat lubelski": ("Lublin", "seat of Lublin County"),
 "PL|masovian voivodeship|powiat siedlecki": ("Siedlce", "seat of Siedlce County"),
 "PL|opolskie|powiat kedzierzynsko kozielski": ("Kędzierzyn-Koźle", "seat of Kędzierzyn-Koźle County"),
 "PL|subcarpathian voivodeship|gmina solina": ("Polańczyk", "seat of Gmina Solina"),
 "PL|west pomeranian voivodeship|powiat walecki": ("Wałcz", "seat of Wałcz County"),
 "RO|bucharest|sectorul 4 bucuresti": ("Bucharest", "Sector 4 is a district of Bucharest: placed at the city"),
 "RO|bucuresti|sectorul 4 bucuresti": ("Bucharest", "Sector 4 is a district of Bucharest: placed at the city"),
 "RO|tulcea county|consiliul judetean tulcea": ("Tulcea", "seat of Tulcea County Council"),
 "RU|sverdlovsk oblast|leninsky district nizhny tagil": ("Nizhny Tagil", "a district of Nizhny Tagil: placed at the city"),
 "SK|bratislava region|bratislava ruzinov": ("Bratislava", "Ružinov is a borough of Bratislava: placed at the city"),
 "CZ|prague|praha reporyje": ("Prague", "Řeporyje is a district of Prague: placed at the city"),
 "TR|aydin province|efeler": ("Aydın", "Efeler is the central district of Aydın"),
 "US|new york|ulster county": ("Kingston", "county seat of Ulster County"),
}
cache = read_places("data/places.csv")
unres = {k for k, p in cache.items() if p.latlon is None}
from pobratymy.io import load_partnerships
from geo.dataset import wanted_places
w = wanted_places(load_partnerships("data/partnerships.csv").frame)
byk = {k: {"name": v[0], "country": v[1], "region": v[2]} for k, v in w.items()}
out = dict(read_places("data/places_overrides.csv"))
for key, (seat, why) in SEATS.items():
    r = byk.get(key)
    if r is None:
        print("NOT IN CACHE", key); continue
    cc, region = r["country"], r["region"]
    loc = g.geocode(seat, country=cc, region=region or None, featuretype="city") or g.geocode(seat, country=cc, featuretype="city")
    if not loc:
        print("seat not found", key, seat); continue
    print(f"{key:60s} -> {loc.raw['name']} {loc.latitude:.4f},{loc.longitude:.4f} gn={loc.raw.get('geonameid')} pop={loc.raw.get('population')}")
    out[key] = Place(key, r["name"], cc, region, round(loc.latitude, 5), round(loc.longitude, 5), loc.raw["name"],
                     str(loc.raw.get("geonameid") or ""), f"override: {why} (GeoNames {loc.raw.get('geonameid')})")
write_places("data/places_overrides.csv", out.values())
