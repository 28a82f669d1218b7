//! Writing a dataset in the interchange format.
