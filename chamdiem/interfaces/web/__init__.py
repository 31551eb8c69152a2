"""`chamdiem serve`: the browse UI on Datasette (optional: pip install 'chamdiem[web]')."""
