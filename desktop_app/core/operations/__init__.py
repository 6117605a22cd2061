"""User changes as operations: one transaction each, a `Changes` value back, an inverse
recorded in the `History` for undo. The top layer of core: it may import every other.

`editor.Operations` is the facade; the groups live in `highlights`, `codebook`,
`articles` and `imports`, the shared plumbing in `base`, the return value in `outcome`.
"""
