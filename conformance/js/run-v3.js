'use strict';
// AWS SDK for JavaScript v3 (@aws-sdk/client-sqs): JSON 1.0 protocol.
const sqs = require('@aws-sdk/client-sqs');
const { run, credentials, REGION } = require('./suite');

const client = new sqs.SQSClient({
  endpoint: process.env.SQS_ENDPOINT || 'http://127.0.0.1:18990',
  region: REGION,
  credentials: credentials(),
  maxAttempts: 1, // a retry would hide the first answer
});

run({
  tag: 'v3',
  call: (op, params) => client.send(new sqs[`${op}Command`](params)),
  // SQS is awsQueryCompatible: the SDK names the exception after the JSON code (__type) and
  // reports the query code (header x-amzn-query-error) as Code.
  errorInfo: (e) => ({ code: e.Code || e.name, name: e.name, status: e.$metadata && e.$metadata.httpStatusCode,
    message: e.message }),
  checksExceptionName: true,
}).then((ok) => process.exit(ok ? 0 : 1));
