/**
 * GET /openapi.json: an OpenAPI 3.1 description of the server, made from the model it serves, so
 * that the request schema lists the model's own features (name, kind, levels of a categorical)
 * and the response schema its own prediction columns.
 */
import type { ModelBundle } from '../../lib/bundle';
import type { ColumnStep } from '../../lib/ml/preprocess';
import { SERVE_API_VERSION } from './protocol';

type Json = null | boolean | number | string | readonly Json[] | { readonly [key: string]: Json };

/** Levels a categorical shows as `examples`; `x-loopbook-levels` lists them all. */
const MAX_EXAMPLE_LEVELS = 50;

export function openApiDocument(bundle: ModelBundle): Json {
  const { manifest } = bundle;
  const { plan } = bundle.model;
  const names = plan.steps.map((s) => s.column);
  const outputs = plan.label.task === 'regression' ? ['prediction'] : ['prediction', ...plan.label.classes.map((c) => `prob_${c}`)];
  const cell = { type: ['number', 'string', 'boolean', 'null'] };
  const error = { description: 'The request is refused; `error` says what to fix.', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } };
  return {
    openapi: '3.1.0',
    info: {
      title: `Loopbook model: ${manifest.label}`,
      version: SERVE_API_VERSION,
      description: `A ${manifest.learner} model predicting "${manifest.label}" (${manifest.task}${manifest.classes ? `: ${manifest.classes.join(', ')}` : ''}), trained ${manifest.createdAt}, served by \`loopbook serve\`.`,
    },
    paths: {
      '/predict': {
        post: {
          summary: 'Predict rows',
          description:
            'Rows in pandas\' "split" orient. `columns` must hold every feature (any order; other columns are echoed and ignored); each row of `data` holds one value per column. ' +
            'The answer has each row as sent, followed by ' + outputs.map((o) => `\`${o}\``).join(', ') + '.',
          requestBody: {
            required: true,
            content: { 'application/json': { schema: { $ref: '#/components/schemas/PredictRequest' }, example: { columns: names, data: [plan.steps.map(exampleValue)] } } },
          },
          responses: {
            '200': { description: 'One answer row per input row.', content: { 'application/json': { schema: { $ref: '#/components/schemas/PredictResponse' } } } },
            '400': { ...error, description: 'The body is not JSON, or not {columns, data} with one value per column in every row.' },
            '413': { ...error, description: 'The body is over the size limit (`--max-body-mb`).' },
            '415': { ...error, description: 'The body is compressed (a Content-Encoding other than identity): send it uncompressed.' },
            '422': { ...error, description: 'Columns the model needs are missing, or hold values of the wrong kind.' },
          },
        },
      },
      '/health': {
        get: { summary: 'Is the server up, and which model it serves', responses: { '200': { description: 'Up.', content: { 'application/json': { schema: { $ref: '#/components/schemas/Health' } } } } } },
      },
      '/openapi.json': { get: { summary: 'This document', responses: { '200': { description: 'OpenAPI 3.1.', content: { 'application/json': {} } } } } },
      '/metrics': {
        get: {
          summary: 'Prometheus metrics',
          description: 'Requests by path and status, errors by kind, a latency histogram by path, rows predicted.',
          responses: { '200': { description: 'Prometheus text exposition format 0.0.4.', content: { 'text/plain': { schema: { type: 'string' } } } } },
        },
      },
    },
    components: {
      schemas: {
        PredictRequest: {
          type: 'object',
          required: ['columns', 'data'],
          properties: {
            columns: {
              type: 'array',
              items: { type: 'string' },
              description: `Column names. Must include every feature: ${names.map((n) => `"${n}"`).join(', ')}.`,
              allOf: names.map((n) => ({ contains: { const: n } })),
            },
            data: { type: 'array', minItems: 1, items: { type: 'array', items: cell }, description: 'Rows, each one value per column in the order of `columns`; null when missing. See Features for what each feature holds.' },
          },
        },
        Features: {
          type: 'object',
          description: `The model's features (${manifest.features.length}) and what each holds, as one row.`,
          required: names,
          properties: Object.fromEntries(plan.steps.map((s) => [s.column, featureSchema(s)])),
        },
        PredictResponse: {
          type: 'object',
          required: ['columns', 'data', 'notices'],
          properties: {
            columns: { type: 'array', items: { type: 'string' }, description: `The request's columns, then ${outputs.map((o) => `"${o}"`).join(', ')}.` },
            data: { type: 'array', items: { type: 'array', items: cell }, description: 'Each request row as sent, followed by its predictions.' },
            notices: { type: 'array', items: { type: 'string' }, description: 'Unseen categories, ignored columns, values read as missing.' },
          },
        },
        Health: {
          type: 'object',
          required: ['status', 'apiVersion', 'model', 'uptimeSeconds'],
          properties: { status: { const: 'ok' }, apiVersion: { type: 'string' }, model: { type: 'object' }, uptimeSeconds: { type: 'number' } },
        },
        Error: { type: 'object', required: ['error'], properties: { error: { type: 'string' } } },
      },
    },
  };
}

function featureSchema(step: ColumnStep): Json {
  const kind = { 'x-loopbook-kind': step.kind };
  switch (step.kind) {
    case 'numeric':
      return { ...kind, type: ['number', 'string', 'null'], description: 'A number (numbers in strings are read too); null, "" or "NA" when missing.' };
    case 'categorical':
      return {
        ...kind,
        type: ['string', 'number', 'boolean', 'null'],
        description: `A category. The model knows ${step.levels.length} ${step.levels.length === 1 ? 'value' : 'values'} (x-loopbook-levels); any other counts as "other" and is reported in notices.`,
        'x-loopbook-levels': step.levels,
        examples: step.levels.slice(0, MAX_EXAMPLE_LEVELS),
      };
    case 'datetime':
      return { ...kind, type: ['string', 'number', 'null'], description: 'A date or date-time: ISO 8601 text such as "2024-01-31", or epoch milliseconds.' };
    case 'text':
      return { ...kind, type: ['string', 'null'], description: `Free text; its words are the features (${step.terms.length} terms known).` };
  }
}

function exampleValue(step: ColumnStep): Json {
  switch (step.kind) {
    case 'numeric':
      return step.median;
    case 'categorical':
      return step.levels[0] ?? null;
    case 'datetime':
      return '2024-01-31';
    case 'text':
      return step.terms.slice(0, 3).join(' ');
  }
}
