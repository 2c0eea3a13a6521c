"""Page -> articles -> blocks. ``segment_text_page`` handles raw text dumps of news pages."""
