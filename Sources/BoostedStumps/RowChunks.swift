/// Rows per unit of parallel work in every pass over the rows. Fixed, not derived from the thread
/// count: floating-point sums are taken inside a chunk, then over chunks in chunk order, so a run gives
/// the same bits on one core or many. 16 384 rows of interleaved gradient/hessian (256 KiB) stay in
/// L2 while a histogram pass reads them once per feature.
let chunkRows = 16_384

/// Number of chunks covering `rowCount` rows.
func chunkCount(_ rowCount: Int) -> Int { (rowCount + chunkRows - 1) / chunkRows }

/// Rows of chunk `chunk`.
func chunkRange(_ chunk: Int, rowCount: Int) -> Range<Int> {
    (chunk * chunkRows)..<min((chunk + 1) * chunkRows, rowCount)
}
