/// A dense matrix of `Double` stored **column-major** (Fortran order), the layout BLAS and LAPACK
/// expect, so no call needs a transpose copy. Element (row i, column j) lives at `storage[i + j * rows]`.
public struct Matrix: Equatable, Sendable {
    /// Number of rows; fixed, so a matrix always matches its storage.
    public let rows: Int
    /// Number of columns; fixed, so a matrix always matches its storage.
    public let columns: Int
    /// Column-major elements; `storage.count == rows * columns`.
    public package(set) var storage: [Double]

    /// A `rows` × `columns` matrix with every element `value`.
    public init(rows: Int, columns: Int, repeating value: Double = 0) {
        precondition(rows >= 0 && columns >= 0, "matrix dimensions must be non-negative")
        self.rows = rows
        self.columns = columns
        self.storage = Array(repeating: value, count: rows * columns)
    }

    /// Wraps column-major storage without copying it element by element.
    public init(rows: Int, columns: Int, columnMajor storage: [Double]) {
        precondition(storage.count == rows * columns, "storage holds \(storage.count) values, not \(rows)×\(columns)")
        self.rows = rows
        self.columns = columns
        self.storage = storage
    }

    /// Builds a matrix from rows written the way people read them (test fixtures, small examples).
    public init(rowMajor values: [[Double]]) {
        let rows = values.count
        let columns = values.first?.count ?? 0
        self.init(rows: rows, columns: columns)
        for (i, row) in values.enumerated() {
            precondition(row.count == columns, "row \(i) has \(row.count) values, expected \(columns)")
            for (j, value) in row.enumerated() { storage[i + j * rows] = value }
        }
    }


    /// The element at `row`, `column` (column-major storage, as BLAS and LAPACK expect).
    public subscript(row: Int, column: Int) -> Double {
        get { storage[row + column * rows] }
        set { storage[row + column * rows] = newValue }
    }

    /// A copy of column `j`, contiguous in storage.
    public func column(_ j: Int) -> [Double] {
        Array(storage[(j * rows)..<((j + 1) * rows)])
    }

    /// A copy with rows and columns swapped.
    public var transposed: Matrix {
        var result = Matrix(rows: columns, columns: rows)
        for j in 0..<columns {
            for i in 0..<rows { result.storage[j + i * columns] = storage[i + j * rows] }
        }
        return result
    }
}
