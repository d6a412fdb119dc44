"""Intake web views: public reporting (`public`), supervisor staff (`staff`), partner organisations
(`partner`), bulk import (`imports`) and the permission-checked evidence download (`files`)."""
