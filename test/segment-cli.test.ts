import { fileURLToPath } from 'node:url';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './helpers/run-cli.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const FR = join(ROOT, 'fixtures/clients-fr.csv');
const EN = join(ROOT, 'fixtures/clients-en.csv');

// ---------------------------------------------------------------------------------------------
// An independent recomputation, spreadsheet-style, that does not use the reader: split the lines
// with a regular expression, read numbers by removing spaces and currency and swapping the comma.

function splitLine(line: string, sep: string): string[] {
  const cells: string[] = [];
  const re = new RegExp(`("(?:[^"]|"")*"|[^${sep}"]*)(${sep}|$)`, 'g');
  for (const m of line.matchAll(re)) {
    const raw = m[1] ?? '';
    cells.push(raw.startsWith('"') ? raw.slice(1, -1).replace(/""/g, '"') : raw);
    if (m[2] === '') break;
  }
  return cells;
}

interface Ref {
  rows: Record<string, string>[];
}

function loadReference(path: string, encoding: 'latin1' | 'utf8', sep: string): Ref {
  const text = readFileSync(path, encoding).replace(/\x80/g, '€');
  const lines = text.split(/\r?\n/).filter((l) => l !== '');
  const header = splitLine(lines[0] ?? '', sep);
  return {
    rows: lines.slice(1).map((l) => {
      const cells = splitLine(l, sep);
      return Object.fromEntries(header.map((h, i) => [h, cells[i] ?? '']));
    }),
  };
}

function frenchAmount(text: string): number | null {
  const t = text.replace(/[\s\u00a0€]/g, '').replace(',', '.');
  if (t === '') return null;
  return /^-?\d+(\.\d+)?$/.test(t) ? Number(t) : Number.NaN;
}

/** The French fixture, minus the two rows a careful analyst would drop: `n.c.` and a repeated id. */
function frenchReference(): Record<string, string>[] {
  const seen = new Set<string>();
  return loadReference(FR, 'latin1', ';').rows.filter((r) => {
    const id = r['N° client'] ?? '';
    const ok = !Number.isNaN(frenchAmount(r["Chiffre d'affaires"] ?? '')) && !seen.has(id);
    seen.add(id);
    return ok;
  });
}

const STATUS_FR: Record<string, string> = {
  Client: 'client',
  'Ancien client': 'former',
  Prospect: 'prospect',
  Lead: 'lead',
};

describe('prospect segment on the French Excel fixture (Windows-1252, ;, decimal comma)', () => {
  it('--by status --format json: the totals and each segment match an independent recomputation', async () => {
    const { code, stdout, stderr } = await runCli(['segment', FR, '--by', 'status', '--format', 'json']);
    expect(code).toBe(0);
    const json = JSON.parse(stdout);
    const ref = frenchReference();
    expect(ref).toHaveLength(300);
    expect(json.rows).toEqual({ read: 302, used: 300, rejected: 2, skipped: 0 });
    expect(stderr).toContain('clients-fr.csv: 302 rows read, 300 used, 2 rejected');
    expect(stderr).toContain(
      `clients-fr.csv:302:11: column "Chiffre d'affaires": "n.c." is not a number; expected an amount such as 1234.56, 1 234,56 or 1,234.56`,
    );
    expect(stderr).toContain(
      'clients-fr.csv:303:1: duplicate client id "C1002" (first on line 3); expected each once',
    );
    const revenueTotal = ref.reduce((a, r) => a + (frenchAmount(r["Chiffre d'affaires"] ?? '') ?? 0), 0);
    const marginTotal = ref.reduce((a, r) => a + (frenchAmount(r.Marge ?? '') ?? 0), 0);
    expect(json.totals.clients).toBe(300);
    expect(json.totals.revenue).toBeCloseTo(revenueTotal, 6);
    expect(json.totals.margin).toBeCloseTo(marginTotal, 6);
    for (const segment of json.segments) {
      const members = ref.filter((r) => STATUS_FR[r.Statut ?? ''] === segment.key.status);
      expect(segment.clients).toBe(members.length);
      expect(segment.clientShare).toBeCloseTo(members.length / 300, 12);
      const revenue = members.reduce((a, r) => a + (frenchAmount(r["Chiffre d'affaires"] ?? '') ?? 0), 0);
      expect(segment.revenue).toBeCloseTo(revenue, 6);
      expect(segment.revenueShare).toBeCloseTo(revenue / revenueTotal, 12);
    }
    expect(json.segments.map((s: { key: { status: string } }) => s.key.status).sort()).toEqual([
      'client',
      'former',
      'lead',
      'prospect',
    ]);
    // Maturity: among prospects and leads, actifs / (arides + latents + actifs).
    const prospects = ref.filter((r) => r.Statut === 'Prospect' || r.Statut === 'Lead');
    const active = prospects.filter((r) => r['Maturité'] === 'Actif').length;
    const known = prospects.filter((r) => r['Maturité'] !== '').length;
    expect(json.totals.maturity.active).toBe(active);
    expect(json.totals.maturity.accessibilityRate).toBeCloseTo(active / known, 12);
  });

  it('the French table speaks French: statuses, headers, numbers, the accessibility note', async () => {
    const { code, stdout } = await runCli(['segment', FR, '--by', 'status', '--lang', 'fr']);
    expect(code).toBe(0);
    expect(stdout).toContain('Segments de');
    expect(stdout).toContain('ancien client');
    expect(stdout).toContain('Taux de marge');
    expect(stdout.replace(/\n(?=\S)/g, ' ')).toContain("Taux d'accessibilité (actifs / prospects)");
    expect(stdout).toMatch(/\d \d{3} \d{3} €/); // French thousands and euro sign
  });

  it('--tiers 3 --lang fr names the tiers grands / moyens / petits', async () => {
    const { stdout } = await runCli(['segment', FR, '--tiers', '3', '--lang', 'fr']);
    expect(stdout).toContain('grands');
    expect(stdout).toContain('moyens');
    expect(stdout).toContain('petits');
    expect(stdout).toContain('Groupes par CA : grands dès');
  });

  it('--format csv --excel: BOM, ";", decimal comma, and the header line', async () => {
    const { stdout } = await runCli(['segment', FR, '--by', 'zone', '--format', 'csv', '--excel']);
    expect(
      stdout.startsWith(
        '\ufeffzone;clients;clientShare;revenue;revenueShare;margin;marginRate;averageRevenue;',
      ),
    ).toBe(true);
    const firstRow = stdout.split('\r\n')[1] ?? '';
    expect(firstRow.split(';')).toHaveLength(12); // zone + 11 figures
    expect(firstRow).toMatch(/;\d+,\d+;/); // a share with a decimal comma
  });

  it('--per-client --format csv: the input columns as read, plus segment', async () => {
    const { stdout } = await runCli(['segment', FR, '--by', 'sector', '--per-client', '--format', 'csv']);
    const lines = stdout.split('\r\n').filter((l) => l !== '');
    expect(lines[0]).toBe(
      "N° client,Raison sociale,Prénom,Nom,Email,Téléphone,Statut,Secteur d'activité,Région,Ville,Chiffre d'affaires,Marge,Potentiel,Maturité,Origine,Nombre d'interactions,Dernière interaction,segment",
    );
    expect(lines).toHaveLength(301);
    const ref = frenchReference();
    // The first client, cell by cell as in the file, then its sector as the segment.
    expect(lines[1]).toBe(
      [
        ...Object.values(ref[0] ?? {}).map((c) => (c.includes(',') ? `"${c}"` : c)),
        ref[0]?.["Secteur d'activité"],
      ].join(','),
    );
  });

  it('--rejects writes the two rejected rows with line and reason', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'prospect-seg-'));
    const { code } = await runCli(['segment', FR, '--rejects', 'rejects.csv', '--format', 'json'], {
      cwd: dir,
    });
    expect(code).toBe(0);
    const text = readFileSync(join(dir, 'rejects.csv'), 'utf8');
    const lines = text.split('\r\n');
    expect(lines[0]).toBe(
      "\ufeffline;reason;N° client;Raison sociale;Prénom;Nom;Email;Téléphone;Statut;Secteur d'activité;Région;Ville;Chiffre d'affaires;Marge;Potentiel;Maturité;Origine;Nombre d'interactions;Dernière interaction",
    );
    expect(lines[1]?.startsWith('302;')).toBe(true);
    // The reason holds quotes, so it is quoted with its quotes doubled (RFC 4180).
    expect(
      lines[2]?.startsWith(
        '303;"duplicate client id ""C1002"" (first on line 3); expected each once";C1002;',
      ),
    ).toBe(true);
  });

  it('--strict stops at the first rejected row with exit 65', async () => {
    const { code, stderr, stdout } = await runCli(['segment', FR, '--strict']);
    expect(code).toBe(65);
    expect(stdout).toBe('');
    expect(stderr).toContain('--strict stops at the first row that cannot be used.');
    expect(stderr).toContain('clients-fr.csv:302:11:');
  });
});

describe('prospect segment on the English CRM export (UTF-8, ",", ISO dates)', () => {
  const ref = loadReference(EN, 'utf8', ',').rows;

  it('--tiers 3 --format json: equal-count tiers among clients with revenue, bounds from a sort by hand', async () => {
    const { code, stdout } = await runCli(['segment', EN, '--tiers', '3', '--format', 'json']);
    expect(code).toBe(0);
    const json = JSON.parse(stdout);
    const revenues = ref
      .map((r) => r['Annual Revenue'] ?? '')
      .filter((t) => t !== '')
      .map(Number)
      .sort((a, b) => b - a);
    // n values in 3 tiers: cuts after round(n/3) and round(2n/3) values.
    const n = revenues.length;
    const cut1 = Math.round(n / 3);
    const cut2 = Math.round((2 * n) / 3);
    expect(json.tiers).toEqual({
      measure: 'revenue',
      names: ['large', 'medium', 'small'],
      lowerBounds: [revenues[cut1 - 1], revenues[cut2 - 1]],
    });
    const counts = Object.fromEntries(
      json.segments.map((s: { key: { tier: string | null }; clients: number }) => [
        String(s.key.tier),
        s.clients,
      ]),
    );
    expect(counts).toEqual({ large: cut1, medium: cut2 - cut1, small: n - cut2, null: ref.length - n });
    expect(json.totals.revenue).toBeCloseTo(
      revenues.reduce((a, b) => a + b, 0),
      6,
    );
    expect(json.rows).toEqual({ read: ref.length, used: ref.length, rejected: 0, skipped: 0 });
  });

  it('--by sector,zone --format markdown gives a Markdown table', async () => {
    const { code, stdout } = await runCli(['segment', EN, '--by', 'sector,zone', '--format', 'markdown']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/\| Industry \| State\/Region \| Clients \|/);
  });

  it('--by "Original Source" takes any header; --format table in English', async () => {
    const { code, stdout } = await runCli(['segment', EN, '--by', 'Original Source']);
    expect(code).toBe(0);
    expect(stdout).toContain('Segments of');
    expect(stdout).toContain('Referrals');
    expect(stdout.replace(/\n(?=\S)/g, ' ')).toContain('Accessibility rate (active / prospects)');
  });

  it('--per-client --format json keeps every input column and adds segment and tier', async () => {
    const { stdout } = await runCli([
      'segment',
      EN,
      '--by',
      'status',
      '--tiers',
      '2',
      '--per-client',
      '--format',
      'json',
    ]);
    const json = JSON.parse(stdout);
    expect(json.clients).toHaveLength(ref.length);
    expect(json.clients[0].values).toEqual(ref[0]);
    expect(json.clients[0].segment).toEqual({ status: 'prospect' }); // "opportunity" in the file
    expect(json.columns.slice(-2)).toEqual(['segment', 'tier']);
  });

  it('reads stdin with -', async () => {
    const { code, stdout } = await runCli(['segment', '-', '--format', 'json'], {
      stdin: 'Company,Status,Revenue\nA,Client,100\nB,Client,"1,250.50"\nC,Prospect,\n',
    });
    expect(code).toBe(0);
    // By hand: 100 + 1250.50 = 1350.5; three clients.
    expect(JSON.parse(stdout).totals).toMatchObject({ clients: 3, revenue: 1350.5 });
  });
});

describe('prospect segment errors', () => {
  it.each([
    [['--tiers', '1'], 64, '--tiers: "1" is out of range; expected a whole number from 2 to 10.'],
    [['--tier-by', 'profit'], 64, '--tier-by: "profit" is not a measure; expected revenue or margin.'],
    [['--tier-thresholds', '500,100'], 64, '--tier-thresholds: "500,100" is not increasing'],
    [['--tiers', '3', '--tier-thresholds', '100'], 64, '--tiers 3 and --tier-thresholds 100 disagree'],
    [['--by', 'Segmnet'], 65, 'no column for Segmnet'],
  ])('%j exits %i', async (args, code, message) => {
    const result = await runCli(['segment', EN, ...args]);
    expect(result.code).toBe(code);
    expect(result.stderr).toContain(message);
  });

  it('a missing file exits 66 (the built binary)', () => {
    const result = spawnSync(
      process.execPath,
      [join(ROOT, 'bin/prospect.js'), 'segment', 'no-such-file.csv'],
      {
        encoding: 'utf8',
      },
    );
    expect(result.status).toBe(66);
    expect(result.stderr).toBe(
      'prospect: no-such-file.csv: no such file; expected an existing file; check the path.\n',
    );
  });

  it('the built binary reads a pipe and writes JSON on stdout, the counts on stderr', () => {
    const result = spawnSync(
      process.execPath,
      [join(ROOT, 'bin/prospect.js'), 'segment', '-', '--by', 'status', '-f', 'json'],
      {
        input: readFileSync(FR),
        encoding: 'utf8',
      },
    );
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout).rows).toEqual({ read: 302, used: 300, rejected: 2, skipped: 0 });
    expect(result.stderr).toContain('<stdin>: 302 rows read, 300 used, 2 rejected');
  });
});
