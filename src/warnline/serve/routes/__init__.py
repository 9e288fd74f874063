"""The app's routes, one module per resource: `router` in each."""
