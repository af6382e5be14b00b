'use strict';
// aws-sdk v2, pinned (package.json) to a release whose SQS model still speaks the query
// protocol (form POST, XML answers); later v2 releases switched to JSON.
const AWS = require('aws-sdk');
const { run, credentials, REGION } = require('./suite');

const c = credentials();
const client = new AWS.SQS({
  endpoint: process.env.SQS_ENDPOINT || 'http://127.0.0.1:18990',
  region: REGION,
  accessKeyId: c.accessKeyId,
  secretAccessKey: c.secretAccessKey,
  maxRetries: 0,
  httpOptions: { timeout: 40000 },
});

run({
  tag: 'v2',
  call: (op, params) => client[op.charAt(0).toLowerCase() + op.slice(1)](params).promise(),
  errorInfo: (e) => ({ code: e.code, name: e.code, status: e.statusCode, message: e.message }),
  checksExceptionName: false,
}).then((ok) => process.exit(ok ? 0 : 1));
