"""Pure transforms from validated dataset frames to analysis-ready tables."""
