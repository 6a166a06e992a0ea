"""The Qt desktop GUI. The only package that imports PySide6; it never talks SQL."""
