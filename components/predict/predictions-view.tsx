'use client';
import type { PredictionView } from '@/lib/jobs/predict-protocol';
import { PredictionsChart } from '@/components/charts';
import { DownloadArtifact } from './download-artifact';

interface PredictionsViewProps {
  readonly view: PredictionView;
  readonly artifactId: string;
  /** The label the model predicts, for the chart's title. */
  readonly label: string;
  /** The CSV's file name when downloaded. */
  readonly fileName: string;
  readonly notices?: readonly string[];
}

/** Predictions: how they spread (a chart), the first rows, and the whole table as a CSV download. */
export function PredictionsView({ view, artifactId, label, fileName, notices = [] }: PredictionsViewProps) {
  const firstPrediction = view.columns.indexOf('prediction');
  // Probabilities to 4 decimals, a predicted value to 6 significant digits; the CSV keeps every digit.
  const shown = (i: number, v: string): string => {
    if (v === '' || i < firstPrediction) return v;
    if (i > firstPrediction) return Number(v).toFixed(4);
    return view.summary.task === 'regression' ? String(Number(Number(v).toPrecision(6))) : v;
  };
  // On screen the answers come first (the CSV keeps the input columns first, like the CLI's).
  const order = [...view.columns.keys()].sort((a, b) => Number(b >= firstPrediction) - Number(a >= firstPrediction) || a - b);

  return (
    <section className="predictions" aria-label="Predictions">
      <div className="train-actions">
        <strong>
          {view.rows.toLocaleString('en')} {view.rows === 1 ? 'row' : 'rows'} predicted
        </strong>
        <DownloadArtifact artifactId={artifactId} fileName={fileName} label="Download CSV" />
      </div>
      {notices.length > 0 && (
        <ul className="notices" aria-label="Notices">
          {notices.map((n) => (
            <li key={n}>{n}</li>
          ))}
        </ul>
      )}
      {view.rows > 1 && <PredictionsChart summary={view.summary} label={label} />}
      <div className="table-scroll">
        <table className="preview-table" aria-label="Predicted rows">
          <thead>
            <tr>
              {order.map((i) => (
                <th key={view.columns[i]} scope="col" className={i >= firstPrediction ? 'prediction-col' : undefined}>
                  {view.columns[i]}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {view.preview.map((row, r) => (
              <tr key={r}>
                {order.map((i) => (
                  <td key={i} className={i >= firstPrediction ? 'prediction-col' : undefined}>
                    {shown(i, row[i] ?? '')}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {view.rows > view.preview.length && (
        <p className="muted">
          The first {view.preview.length} rows; the CSV holds all {view.rows.toLocaleString('en')}.
        </p>
      )}
    </section>
  );
}
