"""Pobratymy dashboard entry point (placeholder until the map page lands)."""

import streamlit as st

st.set_page_config(page_title="Побратими · Pobratymy", page_icon="🤝", layout="wide")
st.title("Побратими — міста-партнери України")
st.caption("Map of partnerships between Ukrainian municipalities and foreign ones. The map is being built.")
