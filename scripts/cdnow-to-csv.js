// Converts the CDNOW sample (fixtures/cdnow/CDNOW_sample.txt: whitespace-separated master id,
// sample id, yyyymmdd, CDs, dollars) into an order CSV that `prospect clv` reads:
// client_id,order_date,cds,amount with ISO dates. Usage: node scripts/cdnow-to-csv.js > fixtures/cdnow/cdnow-orders.csv
import { readFileSync } from 'node:fs';

const text = readFileSync(new URL('../fixtures/cdnow/CDNOW_sample.txt', import.meta.url), 'utf8');
const out = ['client_id,order_date,cds,amount'];
for (const line of text.split('\n')) {
  const cells = line.trim().split(/\s+/);
  if (cells.length !== 5) continue;
  const [, id, date, cds, amount] = cells;
  out.push(`${Number(id)},${date.slice(0, 4)}-${date.slice(4, 6)}-${date.slice(6, 8)},${cds},${amount}`);
}
process.stdout.write(out.join('\n') + '\n');
