/// The report page's style sheet: system fonts (nothing to download), tabular figures, two plots a row on
/// a wide screen, one column on a narrower one, on a phone and on paper (where two would shrink the text
/// below reading size), and print rules that keep figures and table groups whole.
///
/// Every chart comes in two layouts: `wide-layout` (520 or 820 units wide) and `narrow-layout` (360 units,
/// fewer ticks, shorter names), shown below 860 px where the wide one would scale its 12-unit text under
/// 10 px. Both scale with their box through the SVG's viewBox. Wide tables scroll sideways inside their own
/// box, their first column staying in view.
enum ReportStyle {
    static let css = """
        :root { --ink: #1d2433; --muted: #5b6475; --line: #e3e6ec; --soft: #f5f6f8; --accent: #0072b2; --negative: #c0392b; }
        * { box-sizing: border-box; }
        html { font-size: 15px; -webkit-text-size-adjust: 100%; }
        body { margin: 0; color: var(--ink); background: #fff; line-height: 1.5;
               font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", sans-serif;
               font-variant-numeric: tabular-nums; }
        main { max-width: 1120px; margin: 0 auto; padding: 40px 40px 56px; }
        header { border-bottom: 2px solid var(--ink); padding-bottom: 18px; margin-bottom: 8px; }
        .eyebrow { margin: 0; font-size: .75rem; font-weight: 700; letter-spacing: .1em; text-transform: uppercase; color: var(--accent); }
        h1 { font-size: 2.1rem; line-height: 1.15; margin: .3rem 0 .6rem; letter-spacing: -.015em; }
        .lede { font-size: 1.05rem; margin: 0 0 .5rem; max-width: 72ch; }
        .context { margin: 0; color: var(--muted); }
        h2 { font-size: 1.35rem; letter-spacing: -.01em; margin: 2.4rem 0 1rem; }
        h3 { font-size: 1rem; margin: 0 0 .4rem; }
        p { max-width: 80ch; }
        .metrics { display: grid; grid-template-columns: repeat(4, 1fr); gap: 12px; margin-bottom: 1rem; }
        .metric { border: 1px solid var(--line); border-radius: 8px; padding: 12px 14px 14px; background: var(--soft); }
        .metric .name { font-size: .72rem; font-weight: 700; letter-spacing: .06em; text-transform: uppercase; color: var(--muted); }
        .metric .value { font-size: 1.75rem; font-weight: 650; line-height: 1.25; margin: 2px 0 4px; }
        .metric .meaning { font-size: .82rem; color: var(--muted); line-height: 1.35; }
        .figures { display: grid; grid-template-columns: 1fr 1fr; gap: 28px 36px; }
        figure { margin: 0; break-inside: avoid; }
        figure.wide { grid-column: 1 / -1; }
        svg.chart { display: block; width: 100%; height: auto; max-width: 100%; }
        svg.chart.narrow-layout { display: none; }
        figcaption { font-size: .85rem; color: var(--muted); margin-top: 6px; max-width: 80ch; }
        .table-wrap { overflow-x: auto; max-width: 100%; }
        .table-wrap table { margin: 0; }
        .table-wrap tr > :first-child { position: sticky; left: 0; z-index: 1; background: #fff; box-shadow: inset -1px 0 0 var(--line); }
        .table-wrap td, .table-wrap th { white-space: nowrap; }
        table { border-collapse: collapse; min-width: 60%; font-size: .9rem; margin: .5rem 0 1rem; }
        th, td { text-align: left; vertical-align: top; padding: 5px 10px; border-bottom: 1px solid var(--line); }
        thead th { font-size: .72rem; font-weight: 700; letter-spacing: .05em; text-transform: uppercase; color: var(--muted);
                   border-bottom: 1.5px solid var(--ink); vertical-align: bottom; }
        .num { text-align: right; white-space: nowrap; }
        .grouped { columns: 2; column-gap: 40px; margin-top: 1rem; }
        table.group { width: 100%; min-width: 0; margin: 0 0 18px; break-inside: avoid; font-size: .86rem; }
        table.group caption { text-align: left; font-weight: 700; font-size: .95rem; padding: 0 0 4px; border-bottom: 1.5px solid var(--ink); }
        table.group caption .detail { font-weight: 400; font-size: .8rem; color: var(--muted); margin-left: .35rem; }
        table.group { table-layout: fixed; }
        table.group td { padding: 3px 6px; overflow-wrap: anywhere; }
        table.group td:nth-child(1) { width: 45%; }
        table.group td:nth-child(2) { width: 31%; color: var(--muted); font-size: .8rem; }
        table.group td:nth-child(3) { width: 24%; }
        .track { display: inline-block; position: relative; width: 64px; height: 9px; margin-left: 8px; vertical-align: -1px;
                 background: var(--soft); border-radius: 2px; }
        .track .fill { position: absolute; top: 0; bottom: 0; background: var(--accent); border-radius: 2px; }
        .track .fill.negative { background: var(--negative); }
        .track .zero { position: absolute; top: -2px; bottom: -2px; width: 1px; background: var(--ink); }
        dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 6px 20px; font-size: .92rem; }
        dl.facts dt { font-weight: 600; }
        dl.facts dd { margin: 0; overflow-wrap: anywhere; }
        ol.steps { padding-left: 1.4rem; max-width: 80ch; }
        ol.steps li { margin-bottom: .8rem; }
        ol.steps p { margin: 0 0 .3rem; }
        ol.steps pre { margin: 0; padding: 8px 10px; background: var(--soft); border: 1px solid var(--line); border-radius: 6px;
                       white-space: pre-wrap; overflow-wrap: anywhere; font-size: .85rem; }
        footer { margin-top: 3rem; padding-top: 12px; border-top: 1px solid var(--line); font-size: .8rem; color: var(--muted); }
        @media screen and (max-width: 1000px) {
          .figures { grid-template-columns: 1fr; }
        }
        @media screen and (max-width: 860px) {
          main { padding: 24px 16px; }
          h1 { font-size: 1.7rem; overflow-wrap: anywhere; }
          .metrics { grid-template-columns: 1fr 1fr; }
          .grouped { columns: 1; }
          svg.chart.wide-layout { display: none; }
          .track { width: 36px; margin-left: 6px; }
          svg.chart.narrow-layout { display: block; max-width: 560px; }
          dl.facts { grid-template-columns: 1fr; gap: 2px; }
          dl.facts dd { margin-bottom: 8px; }
        }
        @media print {
          html { font-size: 10.5pt; }
          main { max-width: none; padding: 0; }
          * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
          h2 { break-after: avoid; }
          .figures { grid-template-columns: 1fr; justify-items: center; gap: 18px; }
          figure { width: 100%; max-width: 140mm; }
          figure.wide { max-width: none; }
          .metric, tr { break-inside: avoid; }
          .table-wrap { overflow: visible; }
        }
        @page { margin: 14mm; }

        """
}
