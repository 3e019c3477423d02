"""Figure builders: plain functions (frames, keyword parameters) -> go.Figure, shared by the app and the report."""
