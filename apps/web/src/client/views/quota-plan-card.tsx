/** The quota plan of a previewed sync: the Google requests it needs, by kind, and the days. */
import type { SyncPreview } from '../../shared/api-types.js';
import { quotaPlanRows } from '../../shared/quota-plan-rows.js';
import { bytes } from '../format.js';

/** What a dry run found and the plan the server computed for it. */
export function QuotaPlanCard({ preview }: { preview: SyncPreview }) {
  const plan = preview.quotaPlan;
  return (
    <section class="card" aria-label="Quota plan">
      <h2>Preview</h2>
      <p>
        Would transfer {preview.toTransfer} units ({bytes(preview.bytes)}), skip {preview.skipped}.
      </p>
      {preview.warnings.map((warning) => (
        <p key={warning} class="warning">
          {warning}
        </p>
      ))}
      {plan ? (
        <table class="quota-plan">
          <caption>Google requests this sync needs</caption>
          <tbody>
            {quotaPlanRows(plan).map((row) => (
              <tr key={row.label}>
                <th scope="row">{row.label}</th>
                <td>{row.value}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
