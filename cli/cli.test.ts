/**
 * The real `loopbook` command, run as a user runs it, on the app's sample data: exit codes,
 * files written, and the messages bad input gets.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
// Each case starts the CLI in a child process (tsx and TF.js load first: seconds on a busy machine).
const BIN = join(ROOT, 'cli/loopbook.mjs');
const PENGUINS = join(ROOT, 'public/samples/penguins.csv');
const CARS = join(ROOT, 'cli/fixtures/cars.csv');
const dir = mkdtempSync(join(tmpdir(), 'loopbook-cli-'));

function loopbook(...args: string[]) {
  const run = spawnSync(process.execPath, [BIN, ...args], { cwd: dir, encoding: 'utf8', timeout: 120_000 });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('loopbook train, predict, evaluate, inspect', { timeout: 30_000 }, () => {
  const model = join(dir, 'penguins.zip');
  let trained: ReturnType<typeof loopbook>;
  beforeAll(() => {
    trained = loopbook('train', PENGUINS, '--label', 'Species', '--time', '20', '--trials', '6', '-o', model, '--json', join(dir, 'report.json'));
  }, 120_000);

  it('trains, prints the leaderboard and held-out metrics, and writes the model and report', () => {
    expect(trained.stderr).not.toMatch(/at .*\.ts:\d+/); // no stack trace
    expect(trained.code).toBe(0);
    expect(trained.stdout).toMatch(/Leaderboard \(6 trials/);
    expect(trained.stdout).toMatch(/Held-out evaluation/);
    expect(existsSync(model)).toBe(true);
    const report: unknown = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8'));
    expect(report).toMatchObject({ config: { label: 'Species', task: 'multiclass', metric: 'log_loss' } });
    const accuracy = (report as { evaluation: { metrics: { accuracy: number } } }).evaluation.metrics.accuracy;
    expect(accuracy).toBeGreaterThan(0.9);
  });

  it('predicts: the input columns plus prediction and one probability per class', () => {
    const out = join(dir, 'out.csv');
    const run = loopbook('predict', model, PENGUINS, '-o', out);
    expect(run.code).toBe(0);
    const lines = readFileSync(out, 'utf8').trim().split('\n');
    expect(lines[0]).toBe('Species,Island,Beak Length (mm),Beak Depth (mm),Flipper Length (mm),Body Mass (g),Sex,prediction,prob_Adelie,prob_Chinstrap,prob_Gentoo');
    expect(lines).toHaveLength(345);
    const correct = lines.slice(1).filter((l) => l.split(',')[0] === l.split(',')[7]).length;
    expect(correct / 344).toBeGreaterThan(0.9);
  });

  it('evaluates on labelled rows and inspects the zip', () => {
    const evaluated = loopbook('evaluate', model, PENGUINS);
    expect(evaluated.code).toBe(0);
    expect(evaluated.stdout).toMatch(/Accuracy/);
    const inspected = loopbook('inspect', model);
    expect(inspected.code).toBe(0);
    expect(inspected.stdout).toMatch(/Predicts "Species" \(multiclass: Adelie, Chinstrap, Gentoo\)/);
  });

  it('refuses an output folder that does not exist, or a full disk, with a message', () => {
    const missing = loopbook('predict', model, PENGUINS, '-o', join(dir, 'no-such-folder/out.csv'));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/no-such-folder does not exist\. Create it, or give another path with -o/);
    expect(missing.stderr).not.toMatch(/at .*\.(ts|js):\d+/);
    if (existsSync('/dev/full')) {
      const full = loopbook('predict', model, PENGUINS, '-o', '/dev/full');
      expect(full.code).toBe(1);
      expect(full.stderr).toMatch(/Cannot write \/dev\/full: ENOSPC/);
      expect(full.stderr).not.toMatch(/at .*\.(ts|js):\d+/);
    }
  });

  it('names the missing columns at predict time', () => {
    const partial = join(dir, 'partial.csv');
    writeFileSync(partial, 'Island,Sex\nBiscoe,MALE\n');
    const run = loopbook('predict', model, partial);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/"Beak Length \(mm\)", "Beak Depth \(mm\)", "Flipper Length \(mm\)", "Body Mass \(g\)"/);
  });
});

describe('loopbook on regression', { timeout: 30_000 }, () => {
  it('fits one fixed configuration with --params', () => {
    const run = loopbook('train', CARS, '--label', 'Miles_per_Gallon', '--learners', 'gbdt', '--params', '{"trees":100,"leaves":15}', '-o', join(dir, 'cars.zip'));
    expect(run.stderr).not.toMatch(/at .*\.ts:\d+/);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/R²\s+0\.[89]/);
  }, 120_000);
});

describe('loopbook refuses bad input with a clear message', { timeout: 30_000 }, () => {
  it.each([
    [['train', PENGUINS, '--label', 'Beak'], 2, /no column "Beak".*Species, Island/],
    [['train', PENGUINS, '--label', 'Species', '--learners', 'gbdt,svm'], 2, /unknown: svm/],
    [['train', PENGUINS, '--label', 'Species', '--params', '{"trees":1}'], 2, /exactly one learner/],
    [['train', PENGUINS, '--label', 'Species', '--learners', 'gbdt', '--params', '{"tres":1}'], 2, /tres/],
    [['train', PENGUINS, '--label', 'Species', '--frobnicate'], 2, /frobnicate/],
    [['train', join(ROOT, 'nope.csv'), '--label', 'y'], 2, /no such file/],
    [['predict', PENGUINS, PENGUINS], 1, /not a zip archive/],
    [['lunch'], 2, /Unknown command "lunch"/],
    [['train', PENGUINS, '--label', 'Species', '--seed', ''], 2, /--seed must be a whole number; got ""/],
    [['train', PENGUINS, '--label', 'Species', '--task', 'binary'], 2, /--task binary does not fit "Species": it has 3 classes, so the task is multiclass/],
    // Output paths are checked before any training: a typo in -o costs no budget.
    [['train', PENGUINS, '--label', 'Species', '-o', join(dir, 'no-such-folder/model.zip')], 2, /the folder .*no-such-folder does not exist\. Create it, or give another path with -o/],
    [['train', PENGUINS, '--label', 'Species', '--json', join(dir, 'no-such-folder/r.json')], 2, /no-such-folder does not exist\. Create it, or give another path with --json/],
    [['train', PENGUINS, '--label', 'Species', '-o', dir], 2, /it is a folder/],
    [['train', PENGUINS, '--label', 'Species', '--test', CARS], 2, /The --test file .*cars\.csv lacks the columns "Species", .*\(the label\)\. Give a test file with the same columns as/],
  ])('%j → exit %i', (args, code, message) => {
    const run = loopbook(...args);
    expect(run.code).toBe(code);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).not.toMatch(/at .*\.ts:\d+/);
  });

  it('refuses labels nothing can be learnt from, even with --task, and names the metrics that fit', () => {
    const constant = join(dir, 'constant.csv');
    writeFileSync(constant, `x,y\n${Array.from({ length: 30 }, (_, i) => `${i},5`).join('\n')}\n`);
    const guessed = loopbook('train', constant, '--label', 'y');
    expect(guessed.code).toBe(2);
    expect(guessed.stderr).toMatch(/only one value, so there is nothing to predict\. Choose another label\./);
    expect(guessed.stderr).not.toMatch(/--task/);
    const forced = loopbook('train', constant, '--label', 'y', '--task', 'regression');
    expect(forced.code).toBe(1);
    expect(forced.stderr).toMatch(/"y" is 5 in every row: there is nothing to predict/);
    const metric = loopbook('train', PENGUINS, '--label', 'Species', '--metric', 'rmse');
    expect(metric.code).toBe(2);
    expect(metric.stderr).toMatch(/does not apply to a multiclass task\. Use one of: .*log_loss/);
  });

  it('tells the user about a number column with bad values before it trains on it as categories', () => {
    const messy = join(dir, 'messy.csv');
    const rows = Array.from({ length: 60 }, (_, i) => `${i % 5 === 0 ? 'unknown' : (i * 0.7).toFixed(1)},${i % 2 ? 'a' : 'b'}`);
    writeFileSync(messy, `weight,y\n${rows.join('\n')}\n`);
    const run = loopbook('train', messy, '--label', 'y', '--trials', '1', '-o', join(dir, 'messy.zip'));
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/note: weight is mostly numbers \(80% of its values\), but values like "unknown" are not, so it is read as categories\. If it holds numbers, fix or blank those values/);
  });

  it('refuses a label with one class', () => {
    const one = join(dir, 'one.csv');
    writeFileSync(one, `x,y\n${Array.from({ length: 30 }, (_, i) => `${i},same`).join('\n')}\n`);
    const run = loopbook('train', one, '--label', 'y', '--task', 'binary');
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/only one class \("same"\)/);
  });

  it('refuses a foreign zip', () => {
    const foreign = join(dir, 'foreign.zip');
    // An empty zip: just the end-of-central-directory record.
    writeFileSync(foreign, Buffer.from([0x50, 0x4b, 0x05, 0x06, ...new Array<number>(18).fill(0)]));
    const run = loopbook('inspect', foreign);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/not a Loopbook model/);
  });
});
