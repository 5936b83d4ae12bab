extension Dataset {
    /// The same leads with `features` no longer features (excluded, as `--exclude` would make them), so a
    /// model refitted on them learns from the other columns only: the refit after criterion selection.
    public func excluding(features: Set<String>) -> Dataset {
        var copy = self
        copy.columns = columns.map { column in
            var column = column
            if features.contains(column.name), column.isFeature { column.role = .excluded }
            return column
        }
        return copy
    }
}
