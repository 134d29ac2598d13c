import { describe, expect, it } from 'vitest';
import { formatReport } from '../../src/report/formats.js';
import { jsonText } from '../../src/report/sanitize.js';
import { reportInputOf } from '../../src/report/types.js';
import { lint } from '../../src/run.js';
import { tempProject } from '../helpers.js';

// Names and values from a pull request reach the report: a route path that clears the screen,
// writes the clipboard (OSC 52), rings the bell, or forges a "No problems found" line.
const ESC = '\u001b';
const HOSTILE = {
  clear: `${ESC}[2J${ESC}[H`,
  osc52: `${ESC}]52;c;ZWNobyBwd25lZA==\u0007`,
  csi: '\u009b31m',
  forged: '\nNo problems found (1 config file analysed).\n',
  bidi: '\u202egnp.exe',
};
const RAW_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

/** A YAML double-quoted scalar holding `text` exactly (YAML's own escapes). */
const yamlQuoted = (text: string) => JSON.stringify(text).replace(/\\u001b/g, '\\e').replace(/\\u0007/g, '\\a');

async function hostileScan() {
  const routes = Object.values(HOSTILE)
    .map((text, i) => `      - http:\n          path: ${yamlQuoted(`/r${i}${text}`)}\n          method: get\n`)
    .join('');
  const dir = tempProject({
    'serverless.yml': `service: s\nprovider:\n  name: aws\n  runtime: nodejs22.x\nfunctions:\n  f:\n    handler: h.handler\n    events:\n${routes}`,
    'h.js': 'exports.handler = async () => 1;\n',
  });
  return lint({ paths: [dir], config: false });
}

describe('control characters from the project never reach a terminal or a CI log raw', () => {
  it('stylish and github show them as visible escapes; each finding stays one line', async () => {
    const result = await hostileScan();
    const routeFindings = result.findings.filter((f) => f.ruleId === 'gateway-require-authorizer');
    expect(routeFindings).toHaveLength(Object.keys(HOSTILE).length);
    // The exact text is in the model: the findings quote it.
    expect(routeFindings.some((f) => f.message.includes(HOSTILE.osc52))).toBe(true);
    const input = reportInputOf(result);
    for (const format of ['stylish', 'github'] as const) {
      for (const colour of format === 'stylish' ? [false, true] : [false]) {
        const text = formatReport(format, input, { colour, cwd: result.root });
        const withoutOwnColour = text.replace(/\u001b\[(\d+)?m/g, '');
        expect(withoutOwnColour, `${format} colour=${colour}`).not.toMatch(RAW_CONTROL);
        const lines = text.trimEnd().split('\n');
        // One line per finding plus the summary: no line was forged.
        expect(lines.filter((l) => /No problems found/.test(l) && !/gateway-require-authorizer/.test(l))).toEqual([]);
        expect(text).toContain('\\x1b]52;c;ZWNobyBwd25lZA==\\x07');
        expect(text).toContain('\\x9b31m');
        expect(text).toContain('\\u202egnp.exe');
      }
    }
    expect(formatReport('stylish', input, { colour: false, cwd: result.root }).trimEnd().split('\n')).toHaveLength(
      result.findings.length + 2,
    );
  });

  it('json and SARIF keep the exact text as JSON escapes (nothing raw a terminal would act on)', async () => {
    const result = await hostileScan();
    const input = reportInputOf(result);
    for (const format of ['json', 'sarif', 'gitlab'] as const) {
      const text = formatReport(format, input, { colour: false, cwd: result.root });
      expect(text.replace(/\n/g, ''), format).not.toMatch(RAW_CONTROL);
      const messages = JSON.stringify(JSON.parse(text));
      expect(messages).toContain(JSON.stringify(HOSTILE.osc52).slice(1, -1));
    }
    const json = JSON.parse(formatReport('json', input, { colour: false, cwd: result.root })) as { findings: { message: string }[] };
    expect(json.findings.map((f) => f.message)).toEqual(result.findings.map((f) => f.message));
  });

  it('SARIF message text escapes markdown link syntax, so a name cannot become a link', async () => {
    const dir = tempProject({
      'serverless.yml':
        'service: s\nprovider:\n  name: aws\n  runtime: nodejs22.x\nfunctions:\n  f:\n    handler: h.handler\n    events:\n      - http:\n          path: "/[click here](https://evil.example/x)"\n          method: get\n',
      'h.js': 'exports.handler = async () => 1;\n',
    });
    const result = await lint({ paths: [dir], config: false });
    const sarif = JSON.parse(formatReport('sarif', reportInputOf(result), { colour: false, cwd: result.root })) as {
      runs: { results: { message: { text: string } }[] }[];
    };
    const texts = sarif.runs[0]!.results.map((r) => r.message.text);
    expect(texts.some((t) => t.includes('\\[click here\\](https://evil.example/x)'))).toBe(true);
    expect(texts.some((t) => /(^|[^\\])\[click here\]\(/.test(t))).toBe(false);
  });
});

describe('jsonText', () => {
  it('escapes a raw control wherever JSON.stringify leaves it: nested strings, keys, toJSON results', () => {
    const cases: unknown[] = [{ a: [{ b: ['x', 'y\u2028z'] }] }, { ['k\u202e']: 1 }, { d: { toJSON: () => 'w\u0085' } }, ['\u007f']];
    for (const value of cases) {
      const text = jsonText(value);
      expect(text).not.toMatch(RAW_CONTROL);
      expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(value)));
    }
    expect(jsonText({ a: ['plain', 1, null, true, { b: 'é…' }] })).toBe(`${JSON.stringify({ a: ['plain', 1, null, true, { b: 'é…' }] }, null, 2)}\n`);
  });
});
