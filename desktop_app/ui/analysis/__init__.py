"""Analysis windows over the whole library: coded passages, attributes, matrices and
co-occurrence, the report. Each reads through core (core/analysis, core/library) on a
BackgroundOp and changes the library only through core Operations."""
