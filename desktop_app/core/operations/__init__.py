"""User changes as operations: one transaction each, a `Changes` value back, an inverse
recorded in the `History` for undo. The top layer of core: it may import every other."""
