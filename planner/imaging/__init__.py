"""Branded images: brand kit, size presets, text fitting, layouts and the renderer."""
