/**
 * What a new code cell holds: a small working model the user can read and change. It trains a
 * softmax (or linear) regression with TF.js on the numeric columns, so the first run already shows
 * the whole path: train, a stored model, predictions.
 */

export const CODE_TEMPLATE = `// train(config, data) returns a model: plain data (numbers, text, arrays, objects), stored as JSON.
// predict(config, model, historic, future) returns one row per row of future.
// data, historic and future are { columns, rows }: rows are objects by column name.
// config is the JSON below, with the data cell's label and task. TF.js is \`tf\`.

function numericColumns(data, label) {
  return data.columns.filter((c) => c !== label && data.rows.every((r) => r[c] === null || typeof r[c] === 'number'));
}

function matrix(rows, names, mean, std) {
  return rows.map((r) => names.map((n, j) => ((r[n] ?? mean[j]) - mean[j]) / std[j]));
}

async function train(config, data) {
  const { label, task } = config;
  if (!data.columns.includes(label)) throw new Error(\`the rows have no column "\${label}": set "label" in the config\`);
  const rows = data.rows.filter((r) => r[label] !== null);
  const names = numericColumns(data, label);
  const mean = names.map((n) => avg(rows.map((r) => r[n]).filter((v) => v !== null)));
  const std = names.map((n, j) => Math.sqrt(avg(rows.map((r) => r[n]).filter((v) => v !== null).map((v) => (v - mean[j]) ** 2))) || 1);
  const classes = task === 'regression' ? null : [...new Set(rows.map((r) => String(r[label])))].sort();
  const x = tf.tensor2d(matrix(rows, names, mean, std));
  const y = classes
    ? tf.oneHot(rows.map((r) => classes.indexOf(String(r[label]))), classes.length)
    : tf.tensor2d(rows.map((r) => [r[label]]));
  const model = tf.sequential();
  model.add(tf.layers.dense({ inputShape: [names.length], units: classes ? classes.length : 1, activation: classes ? 'softmax' : 'linear' }));
  model.compile({ optimizer: tf.train.adam(config.learningRate), loss: classes ? 'categoricalCrossentropy' : 'meanSquaredError' });
  await model.fit(x, y, { epochs: config.epochs, batchSize: 32, verbose: 0 });
  const weights = model.getWeights().map((w) => w.arraySync());
  console.log(\`trained on \${rows.length} rows and \${names.length} columns\`);
  x.dispose();
  y.dispose();
  model.dispose();
  return { names, mean, std, classes, weights };
}

function predict(config, model, historic, future) {
  return tf.tidy(() => {
    const [kernel, bias] = model.weights.map((w) => tf.tensor(w));
    const out = tf.tensor2d(matrix(future.rows, model.names, model.mean, model.std)).matMul(kernel).add(bias);
    if (!model.classes) return Array.from(out.dataSync());
    const probs = out.softmax().arraySync();
    return probs.map((p) => {
      const row = { prediction: model.classes[p.indexOf(Math.max(...p))] };
      model.classes.forEach((c, i) => (row['prob_' + c] = p[i]));
      return row;
    });
  });
}

function avg(values) {
  return values.length ? values.reduce((a, b) => a + b, 0) / values.length : 0;
}
`;

export const CODE_CONFIG_TEMPLATE = `{
  "epochs": 100,
  "learningRate": 0.05
}`;
