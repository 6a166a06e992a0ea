"""The window's panes, each subscribed to the workspace and refreshing only what concerns it."""
