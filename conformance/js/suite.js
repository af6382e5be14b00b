'use strict';
// SQS conformance checks shared by the JavaScript clients (run-v3.js: AWS SDK for JavaScript v3,
// JSON 1.0 protocol; run-v2.js: aws-sdk v2 pinned to a release that speaks the query protocol).
// Each check compares a response with what the AWS SQS API reference documents. An adapter gives
// call(operation, params) and errorInfo(error) -> {code (the query error code), status, name}.
const crypto = require('crypto');

const REGION = 'us-east-1';
const ACCOUNT = '000000000000';

function credentials() {
  if (process.env.AWS_ACCESS_KEY_ID && process.env.AWS_SECRET_ACCESS_KEY) {
    return { accessKeyId: process.env.AWS_ACCESS_KEY_ID, secretAccessKey: process.env.AWS_SECRET_ACCESS_KEY };
  }
  const dir = process.env.OPENCMQ_DATA_DIR || '/tmp/conf-data';
  const props = {};
  for (const line of require('fs').readFileSync(`${dir}/credentials.properties`, 'utf8').split('\n')) {
    const i = line.indexOf('=');
    if (i > 0 && !line.startsWith('#')) props[line.slice(0, i)] = line.slice(i + 1).trim();
  }
  return { accessKeyId: props.secretId, secretAccessKey: props.secretKey };
}

const md5 = (b) => crypto.createHash('md5').update(b).digest('hex');
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** AWS's documented MD5 of message (or message system) attributes. */
function attributesMd5(attrs) {
  const parts = [];
  const lp = (buf) => { const n = Buffer.alloc(4); n.writeUInt32BE(buf.length); parts.push(n, buf); };
  for (const name of Object.keys(attrs).sort()) {
    const a = attrs[name];
    lp(Buffer.from(name, 'utf8'));
    lp(Buffer.from(a.DataType, 'utf8'));
    if (a.StringValue !== undefined) {
      parts.push(Buffer.from([1]));
      lp(Buffer.from(a.StringValue, 'utf8'));
    } else {
      parts.push(Buffer.from([2]));
      lp(Buffer.from(a.BinaryValue));
    }
  }
  return md5(Buffer.concat(parts));
}

function normalizeAttrs(attrs) {
  const out = {};
  for (const [k, v] of Object.entries(attrs || {})) {
    const n = { DataType: v.DataType };
    if (v.StringValue !== undefined) n.StringValue = v.StringValue;
    if (v.BinaryValue !== undefined) n.BinaryValue = Buffer.from(v.BinaryValue).toString('base64');
    out[k] = n;
  }
  return out;
}

async function run(api) {
  const passed = [];
  const failed = [];
  const run = crypto.randomBytes(3).toString('hex');
  const PREFIX = `c${api.tag}${run}`;
  const arn = (name) => `arn:aws:sqs:${REGION}:${ACCOUNT}:${name}`;
  const call = api.call;

  function check(name, cond, detail) {
    (cond ? passed : failed).push(name);
    if (!cond) console.log(`FAIL ${name}: ${typeof detail === 'string' ? detail : JSON.stringify(detail)}`);
    return cond;
  }
  async function expectError(name, fn, codes, status = 400, exceptionName) {
    codes = Array.isArray(codes) ? codes : [codes];
    try {
      const r = await fn();
      check(name, false, `expected ${codes}, got success ${JSON.stringify(r)}`);
      return null;
    } catch (e) {
      const info = api.errorInfo(e);
      const ok = check(name, codes.includes(info.code) && (status === null || info.status === status),
        `expected ${codes}/${status}, got ${info.code}/${info.status} ${info.message}`);
      if (exceptionName && api.checksExceptionName) {
        check(`${name} [exception name]`, info.name === exceptionName, `expected ${exceptionName}, got ${info.name}`);
      }
      if (ok) check(`${name} [message present]`, !!info.message, info);
      return e;
    }
  }
  async function poll(fn, timeoutMs = 10000, stepMs = 200) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const v = await fn();
      if (v || Date.now() > deadline) return v;
      await sleep(stepMs);
    }
  }
  async function receive(url, extra = {}) {
    const r = await call('ReceiveMessage', {
      QueueUrl: url, MaxNumberOfMessages: 10, WaitTimeSeconds: 0, AttributeNames: ['All'],
      MessageAttributeNames: ['All'], ...extra,
    });
    return r.Messages || [];
  }
  const create = async (name, attrs) => (await call('CreateQueue', { QueueName: name, Attributes: attrs })).QueueUrl;
  const attrsOf = async (url, names = ['All']) =>
    (await call('GetQueueAttributes', { QueueUrl: url, AttributeNames: names })).Attributes || {};

  // ------------------------------------------------------------ queue lifecycle
  async function queues() {
    const name = `${PREFIX}-std`;
    const url = (await call('CreateQueue', { QueueName: name, tags: { team: 'conf', env: 'test' } })).QueueUrl;
    check('CreateQueue QueueUrl', url.endsWith(`/${ACCOUNT}/${name}`), url);
    check('CreateQueue idempotent', (await call('CreateQueue', { QueueName: name })).QueueUrl === url);
    await expectError('CreateQueue same name other attributes',
      () => create(name, { VisibilityTimeout: '99' }), 'QueueAlreadyExists', 400, 'QueueNameExists');
    check('GetQueueUrl', (await call('GetQueueUrl', { QueueName: name })).QueueUrl === url);
    await expectError('GetQueueUrl nonexistent', () => call('GetQueueUrl', { QueueName: `${PREFIX}-nope` }),
      'AWS.SimpleQueueService.NonExistentQueue', 400, 'QueueDoesNotExist');
    await expectError('CreateQueue invalid name', () => create('bad name!'), 'InvalidParameterValue');

    const a = await attrsOf(url);
    const expected = ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesDelayed',
      'ApproximateNumberOfMessagesNotVisible', 'CreatedTimestamp', 'DelaySeconds', 'LastModifiedTimestamp',
      'MaximumMessageSize', 'MessageRetentionPeriod', 'QueueArn', 'ReceiveMessageWaitTimeSeconds',
      'SqsManagedSseEnabled', 'VisibilityTimeout'];
    check('GetQueueAttributes All names', JSON.stringify(Object.keys(a).sort()) === JSON.stringify(expected), a);
    check('QueueArn', a.QueueArn === arn(name), a.QueueArn);
    check('MaximumMessageSize default (AWS: 262144, 1048576 since 2025)',
      ['262144', '1048576'].includes(a.MaximumMessageSize), a.MaximumMessageSize);
    for (const n of expected) {
      const one = await attrsOf(url, [n]);
      check(`GetQueueAttributes ${n} alone`, Object.keys(one).join() === n, one);
    }
    await expectError('GetQueueAttributes unknown name', () => attrsOf(url, ['Bogus']), 'InvalidAttributeName');
    await call('SetQueueAttributes', { QueueUrl: url, Attributes: { VisibilityTimeout: '45', DelaySeconds: '1' } });
    const b = await attrsOf(url, ['VisibilityTimeout', 'DelaySeconds']);
    check('SetQueueAttributes applied', b.VisibilityTimeout === '45' && b.DelaySeconds === '1', b);
    await call('SetQueueAttributes', { QueueUrl: url, Attributes: { DelaySeconds: '0', MaximumMessageSize: '262144' } });
    await expectError('SetQueueAttributes VisibilityTimeout=43201', () => call('SetQueueAttributes',
      { QueueUrl: url, Attributes: { VisibilityTimeout: '43201' } }), 'InvalidAttributeValue');
    await expectError('SetQueueAttributes unknown name', () => call('SetQueueAttributes',
      { QueueUrl: url, Attributes: { Bogus: '1' } }), 'InvalidAttributeName');

    let t = (await call('ListQueueTags', { QueueUrl: url })).Tags || {};
    check('CreateQueue tags', JSON.stringify(t) === JSON.stringify({ env: 'test', team: 'conf' }) ||
      (t.team === 'conf' && t.env === 'test' && Object.keys(t).length === 2), t);
    await call('TagQueue', { QueueUrl: url, Tags: { env: 'prod', new: 'x' } });
    await call('UntagQueue', { QueueUrl: url, TagKeys: ['team', 'absent'] });
    t = (await call('ListQueueTags', { QueueUrl: url })).Tags || {};
    check('TagQueue + UntagQueue', t.env === 'prod' && t.new === 'x' && Object.keys(t).length === 2, t);

    const names = [0, 1, 2, 3, 4].map((i) => `${PREFIX}-list-${i}`);
    for (const n of names) await create(n);
    const lq = await call('ListQueues', { QueueNamePrefix: `${PREFIX}-list-` });
    check('ListQueues prefix', (lq.QueueUrls || []).map((u) => u.split('/').pop()).sort().join() === names.join(), lq);
    check('ListQueues without MaxResults has no NextToken', !lq.NextToken, lq);
    let seen = [];
    let token;
    let pages = 0;
    do {
      const p = await call('ListQueues', { QueueNamePrefix: `${PREFIX}-list-`, MaxResults: 2, NextToken: token });
      pages += 1;
      seen = seen.concat(p.QueueUrls || []);
      token = p.NextToken;
    } while (token && pages < 10);
    check('ListQueues pagination', pages === 3 && seen.map((u) => u.split('/').pop()).sort().join() === names.join(),
      { pages, seen });
    await expectError('ListQueues MaxResults=1001', () => call('ListQueues', { MaxResults: 1001 }),
      'InvalidParameterValue');
    for (const n of names) await call('DeleteQueue', { QueueUrl: (await call('GetQueueUrl', { QueueName: n })).QueueUrl });
    check('DeleteQueue', !((await call('ListQueues', { QueueNamePrefix: `${PREFIX}-list-` })).QueueUrls || []).length);
    return url;
  }

  // ------------------------------------------------------------ messages
  const MSG_ATTRS = {
    s: { DataType: 'String', StringValue: 'héllo wörld ✓' },
    n: { DataType: 'Number', StringValue: '-12.5e3' },
    b: { DataType: 'Binary', BinaryValue: Buffer.from([...Array(256).keys()]) },
    'custom.s': { DataType: 'String.custom', StringValue: 'x' },
    f: { DataType: 'Number.float', StringValue: '3.14' },
    img: { DataType: 'Binary.gif', BinaryValue: Buffer.from('GIF89a') },
  };
  const TRACE = { AWSTraceHeader: { DataType: 'String', StringValue: 'Root=1-5759e988-bd862e3fe1be46a994272793' } };

  async function messages(url) {
    const body = 'body ✓ \u{1F600} <&>';
    const r = await call('SendMessage', { QueueUrl: url, MessageBody: body, MessageAttributes: MSG_ATTRS,
      MessageSystemAttributes: TRACE });
    check('SendMessage MessageId', !!r.MessageId, r);
    check('SendMessage MD5OfMessageBody', r.MD5OfMessageBody === md5(Buffer.from(body, 'utf8')), r);
    check('SendMessage MD5OfMessageAttributes', r.MD5OfMessageAttributes === attributesMd5(MSG_ATTRS), r);
    check('SendMessage MD5OfMessageSystemAttributes', r.MD5OfMessageSystemAttributes === attributesMd5(TRACE), r);
    const ms = await receive(url, { VisibilityTimeout: 30 });
    const m = ms.find((x) => x.MessageId === r.MessageId);
    if (!check('ReceiveMessage returns the sent message', !!m, ms)) return;
    check('Receive Body', m.Body === body, m.Body);
    check('Receive MD5OfBody', m.MD5OfBody === md5(Buffer.from(body, 'utf8')), m);
    check('Receive MessageAttributes round trip',
      JSON.stringify(normalizeAttrs(m.MessageAttributes)) === JSON.stringify(normalizeAttrs(MSG_ATTRS)) ||
      Object.keys(MSG_ATTRS).every((k) => JSON.stringify(normalizeAttrs(m.MessageAttributes)[k]) ===
        JSON.stringify(normalizeAttrs(MSG_ATTRS)[k])), m.MessageAttributes);
    check('Receive MD5OfMessageAttributes', m.MD5OfMessageAttributes === attributesMd5(MSG_ATTRS), m);
    const sa = m.Attributes || {};
    check('Receive system attributes', sa.SenderId && sa.ApproximateReceiveCount === '1' &&
      Math.abs(Number(sa.SentTimestamp) - Date.now()) < 60000 &&
      Math.abs(Number(sa.ApproximateFirstReceiveTimestamp) - Date.now()) < 60000 &&
      sa.AWSTraceHeader === TRACE.AWSTraceHeader.StringValue, sa);
    await call('ChangeMessageVisibility', { QueueUrl: url, ReceiptHandle: m.ReceiptHandle, VisibilityTimeout: 0 });
    const sel = (await receive(url, { MessageAttributeNames: ['s', 'custom.*'], AttributeNames: ['SentTimestamp'] }))[0];
    check('MessageAttributeNames names + prefix.*', sel && Object.keys(sel.MessageAttributes || {}).sort().join() === 'custom.s,s', sel);
    check('AttributeNames one system attribute', sel && Object.keys(sel.Attributes || {}).join() === 'SentTimestamp', sel);
    if (sel) {
      check('MD5OfMessageAttributes covers the selection', sel.MD5OfMessageAttributes ===
        attributesMd5({ s: MSG_ATTRS.s, 'custom.s': MSG_ATTRS['custom.s'] }), sel);
      await call('DeleteMessage', { QueueUrl: url, ReceiptHandle: sel.ReceiptHandle });
      await call('DeleteMessage', { QueueUrl: url, ReceiptHandle: sel.ReceiptHandle });
      check('DeleteMessage twice succeeds', true);
    }
    await expectError('DeleteMessage malformed handle', () => call('DeleteMessage', { QueueUrl: url, ReceiptHandle: 'garbage' }),
      'ReceiptHandleIsInvalid', 400, 'ReceiptHandleIsInvalid');
    await expectError('SendMessage nonexistent queue', () => call('SendMessage', {
      QueueUrl: url.replace(/[^/]+$/, `${PREFIX}-nope`), MessageBody: 'x' }),
    'AWS.SimpleQueueService.NonExistentQueue', 400, 'QueueDoesNotExist');
    await expectError('SendMessage invalid character', () => call('SendMessage', { QueueUrl: url, MessageBody: 'a\u0000b' }),
      'InvalidMessageContents', 400, 'InvalidMessageContents');
    await expectError('SendMessage Number not a number', () => call('SendMessage', { QueueUrl: url, MessageBody: 'x',
      MessageAttributes: { a: { DataType: 'Number', StringValue: 'abc' } } }), 'InvalidParameterValue');
    await expectError('SendMessage MessageDeduplicationId on standard', () => call('SendMessage', {
      QueueUrl: url, MessageBody: 'x', MessageDeduplicationId: 'd' }), 'InvalidParameterValue');
    await expectError('ReceiveMessage MaxNumberOfMessages=11', () => call('ReceiveMessage', {
      QueueUrl: url, MaxNumberOfMessages: 11 }), 'InvalidParameterValue');
    await expectError('ReceiveMessage WaitTimeSeconds=21', () => call('ReceiveMessage', {
      QueueUrl: url, WaitTimeSeconds: 21 }), 'InvalidParameterValue');
  }

  async function batches(url) {
    const entries = [];
    for (let i = 0; i < 9; i++) {
      entries.push({ Id: `e${i}`, MessageBody: `m${i}`, MessageAttributes: { i: { DataType: 'Number', StringValue: String(i) } } });
    }
    entries.push({ Id: 'bad', MessageBody: 'x\u0001y' });
    const r = await call('SendMessageBatch', { QueueUrl: url, Entries: entries });
    const ok = r.Successful || [];
    const fail = r.Failed || [];
    check('SendMessageBatch partial success', ok.length === 9 && fail.length === 1 && fail[0].Id === 'bad' &&
      fail[0].SenderFault === true && fail[0].Code === 'InvalidMessageContents' && !!fail[0].Message, r);
    check('SendMessageBatch MD5s', ok.every((s) => s.MD5OfMessageBody === md5(`m${s.Id.slice(1)}`) &&
      s.MD5OfMessageAttributes === attributesMd5({ i: { DataType: 'Number', StringValue: s.Id.slice(1) } })), ok);
    let got = [];
    for (let i = 0; i < 10 && got.length < 9; i++) got = got.concat(await receive(url));
    check('receive the 9 batch messages', got.length === 9, got.length);
    const d = await call('DeleteMessageBatch', { QueueUrl: url, Entries: got.slice(0, 8)
      .map((m, i) => ({ Id: `d${i}`, ReceiptHandle: m.ReceiptHandle })).concat([{ Id: 'dbad', ReceiptHandle: 'nope' }]) });
    check('DeleteMessageBatch partial', (d.Successful || []).length === 8 && (d.Failed || []).length === 1 &&
      d.Failed[0].Code === 'ReceiptHandleIsInvalid' && d.Failed[0].SenderFault === true, d);
    const last = got[8];
    if (last) {
      const c = await call('ChangeMessageVisibilityBatch', { QueueUrl: url, Entries: [
        { Id: 'c1', ReceiptHandle: last.ReceiptHandle, VisibilityTimeout: 0 },
        { Id: 'c2', ReceiptHandle: 'nope', VisibilityTimeout: 0 }] });
      check('ChangeMessageVisibilityBatch partial', (c.Successful || []).map((x) => x.Id).join() === 'c1' &&
        (c.Failed || []).map((x) => `${x.Id}:${x.Code}:${x.SenderFault}`).join() === 'c2:ReceiptHandleIsInvalid:true', c);
      const again = await receive(url);
      check('visibility 0 makes it receivable', again.length === 1 && again[0].MessageId === last.MessageId, again);
      if (again[0]) {
        await call('ChangeMessageVisibility', { QueueUrl: url, ReceiptHandle: again[0].ReceiptHandle, VisibilityTimeout: 60 });
        await expectError('ChangeMessageVisibility superseded handle', () => call('ChangeMessageVisibility',
          { QueueUrl: url, ReceiptHandle: last.ReceiptHandle, VisibilityTimeout: 0 }),
        'AWS.SimpleQueueService.MessageNotInflight', 400, 'MessageNotInflight');
      }
    }
    const many = [...Array(11).keys()].map((i) => ({ Id: `x${i}`, MessageBody: 'x' }));
    await expectError('SendMessageBatch 11 entries', () => call('SendMessageBatch', { QueueUrl: url, Entries: many }),
      'AWS.SimpleQueueService.TooManyEntriesInBatchRequest', 400, 'TooManyEntriesInBatchRequest');
    await expectError('DeleteMessageBatch 11 entries', () => call('DeleteMessageBatch', { QueueUrl: url,
      Entries: many.map((e) => ({ Id: e.Id, ReceiptHandle: 'h' })) }),
    'AWS.SimpleQueueService.TooManyEntriesInBatchRequest', 400, 'TooManyEntriesInBatchRequest');
    await expectError('SendMessageBatch empty', () => call('SendMessageBatch', { QueueUrl: url, Entries: [] }),
      'AWS.SimpleQueueService.EmptyBatchRequest', 400, 'EmptyBatchRequest');
    await expectError('SendMessageBatch duplicate ids', () => call('SendMessageBatch', { QueueUrl: url,
      Entries: [{ Id: 'a', MessageBody: '1' }, { Id: 'a', MessageBody: '2' }] }),
    'AWS.SimpleQueueService.BatchEntryIdsNotDistinct', 400, 'BatchEntryIdsNotDistinct');
    await expectError('SendMessageBatch invalid id', () => call('SendMessageBatch', { QueueUrl: url,
      Entries: [{ Id: 'bad id!', MessageBody: '1' }] }),
    'AWS.SimpleQueueService.InvalidBatchEntryId', 400, 'InvalidBatchEntryId');
    await expectError('SendMessageBatch 1.1 MB', () => call('SendMessageBatch', { QueueUrl: url,
      Entries: [...Array(5).keys()].map((i) => ({ Id: `l${i}`, MessageBody: 'x'.repeat(220000) })) }),
    'AWS.SimpleQueueService.BatchRequestTooLong', 400, 'BatchRequestTooLong');
    await call('PurgeQueue', { QueueUrl: url });
    const a = await attrsOf(url);
    check('PurgeQueue empties', a.ApproximateNumberOfMessages === '0' && a.ApproximateNumberOfMessagesNotVisible === '0', a);
  }

  async function longPolling(url) {
    let t = Date.now();
    const r = await call('ReceiveMessage', { QueueUrl: url, WaitTimeSeconds: 2 });
    const dt = Date.now() - t;
    check('long poll empty waits ~2s', dt >= 1800 && dt < 5000, dt);
    check('empty receive has no messages', !(r.Messages || []).length, r);
    t = Date.now();
    const parked = call('ReceiveMessage', { QueueUrl: url, WaitTimeSeconds: 10 });
    await sleep(500);
    await call('SendMessage', { QueueUrl: url, MessageBody: 'wake' });
    const woke = await parked;
    check('send wakes parked receive', (woke.Messages || []).length === 1 && Date.now() - t < 5000, Date.now() - t);
    for (const m of woke.Messages || []) await call('DeleteMessage', { QueueUrl: url, ReceiptHandle: m.ReceiptHandle });
    await call('SendMessage', { QueueUrl: url, MessageBody: 'late', DelaySeconds: 2 });
    const a = await attrsOf(url, ['ApproximateNumberOfMessagesDelayed']);
    check('ApproximateNumberOfMessagesDelayed', a.ApproximateNumberOfMessagesDelayed === '1', a);
    check('delayed message hidden', (await receive(url)).length === 0);
    const later = await poll(async () => { const x = await receive(url); return x.length ? x : null; }, 6000);
    check('delayed message arrives', later && later.length === 1, later);
    for (const m of later || []) await call('DeleteMessage', { QueueUrl: url, ReceiptHandle: m.ReceiptHandle });
  }

  // ------------------------------------------------------------ dead letters, move tasks
  async function deadLetters() {
    const dlqName = `${PREFIX}-dlq`;
    const srcName = `${PREFIX}-src`;
    const dlq = await create(dlqName);
    const src = await create(srcName, {
      RedrivePolicy: JSON.stringify({ deadLetterTargetArn: arn(dlqName), maxReceiveCount: 1 }) });
    const rp = JSON.parse((await attrsOf(src, ['RedrivePolicy'])).RedrivePolicy || '{}');
    check('RedrivePolicy read back', rp.deadLetterTargetArn === arn(dlqName) && rp.maxReceiveCount === 1, rp);
    const ls = await call('ListDeadLetterSourceQueues', { QueueUrl: dlq });
    check('ListDeadLetterSourceQueues', (ls.queueUrls || []).map((u) => u.split('/').pop()).join() === srcName, ls);
    const ids = [];
    for (let i = 0; i < 3; i++) ids.push((await call('SendMessage', { QueueUrl: src, MessageBody: `dead${i}` })).MessageId);
    let got = [];
    for (let i = 0; i < 5 && got.length < 3; i++) got = got.concat(await receive(src, { VisibilityTimeout: 1 }));
    await sleep(1500);
    const moved = await poll(async () => {
      await receive(src);
      return (await attrsOf(dlq, ['ApproximateNumberOfMessages'])).ApproximateNumberOfMessages === '3';
    }, 10000, 500);
    check('messages moved to the DLQ', moved);
    const dm = await receive(dlq, { VisibilityTimeout: 0 });
    check('dead letters keep their MessageId', dm.map((m) => m.MessageId).sort().join() === ids.sort().join(),
      { ids, dlq: dm.map((m) => m.MessageId) });
    check('DeadLetterQueueSourceArn', dm[0] && dm[0].Attributes.DeadLetterQueueSourceArn === arn(srcName), dm[0]);

    await expectError('StartMessageMoveTask non-DLQ source', () => call('StartMessageMoveTask', { SourceArn: arn(srcName) }),
      'InvalidParameterValue');
    await expectError('StartMessageMoveTask missing source', () => call('StartMessageMoveTask', {
      SourceArn: arn(`${PREFIX}-missing`) }), 'ResourceNotFoundException', null, 'ResourceNotFoundException');
    const task = await call('StartMessageMoveTask', { SourceArn: arn(dlqName) });
    check('StartMessageMoveTask TaskHandle', !!task.TaskHandle, task);
    const done = await poll(async () => {
      const rs = (await call('ListMessageMoveTasks', { SourceArn: arn(dlqName) })).Results || [];
      return rs[0] && rs[0].Status === 'COMPLETED' ? rs : null;
    }, 10000, 300);
    check('ListMessageMoveTasks COMPLETED', done && done[0].ApproximateNumberOfMessagesMoved === 3 &&
      done[0].ApproximateNumberOfMessagesToMove === 3 && done[0].SourceArn === arn(dlqName) &&
      typeof done[0].StartedTimestamp === 'number' && done[0].TaskHandle === undefined, done);
    let back = [];
    for (let i = 0; i < 5 && back.length < 3; i++) back = back.concat(await receive(src));
    check('redriven messages back in the source', back.map((m) => m.Body).sort().join() === 'dead0,dead1,dead2', back);
    await expectError('CancelMessageMoveTask unknown handle', () => call('CancelMessageMoveTask', { TaskHandle: 'nope' }),
      'ResourceNotFoundException', null, 'ResourceNotFoundException');
    for (let i = 0; i < 6; i++) await call('SendMessage', { QueueUrl: dlq, MessageBody: `slow${i}` });
    const slow = await call('StartMessageMoveTask', { SourceArn: arn(dlqName), DestinationArn: arn(srcName),
      MaxNumberOfMessagesPerSecond: 1 });
    const rs = (await call('ListMessageMoveTasks', { SourceArn: arn(dlqName), MaxResults: 10 })).Results || [];
    check('ListMessageMoveTasks RUNNING first', rs.length === 2 && rs[0].Status === 'RUNNING' &&
      rs[0].TaskHandle === slow.TaskHandle && rs[0].MaxNumberOfMessagesPerSecond === 1, rs);
    await sleep(1200);
    const c = await call('CancelMessageMoveTask', { TaskHandle: slow.TaskHandle });
    check('CancelMessageMoveTask ApproximateNumberOfMessagesMoved', typeof c.ApproximateNumberOfMessagesMoved === 'number', c);
    await call('SetQueueAttributes', { QueueUrl: src, Attributes: { RedrivePolicy: '' } });
    check('RedrivePolicy removed', !('RedrivePolicy' in await attrsOf(src)));
  }

  // ------------------------------------------------------------ FIFO
  async function fifo() {
    await expectError('FifoQueue without .fifo name', () => create(`${PREFIX}-x`, { FifoQueue: 'true' }), 'InvalidParameterValue');
    const name = `${PREFIX}-q.fifo`;
    const url = await create(name, { FifoQueue: 'true' });
    const a = await attrsOf(url);
    check('FIFO attributes', a.FifoQueue === 'true' && a.ContentBasedDeduplication === 'false' &&
      a.DeduplicationScope === 'queue' && a.FifoThroughputLimit === 'perQueue', a);
    await expectError('FIFO send without group', () => call('SendMessage', { QueueUrl: url, MessageBody: 'x',
      MessageDeduplicationId: 'd' }), 'MissingParameter');
    await expectError('FIFO send without dedup id', () => call('SendMessage', { QueueUrl: url, MessageBody: 'x',
      MessageGroupId: 'g' }), 'InvalidParameterValue');
    const seqs = [];
    const sent = [];
    const groups = ['A', 'A', 'B', 'A', 'B'];
    for (let i = 0; i < groups.length; i++) {
      const r = await call('SendMessage', { QueueUrl: url, MessageBody: `${groups[i]}${i}`, MessageGroupId: groups[i],
        MessageDeduplicationId: `d${i}` });
      check(`FIFO SequenceNumber ${i}`, /^\d+$/.test(r.SequenceNumber || ''), r);
      seqs.push(BigInt(r.SequenceNumber || 0));
      sent.push(r.MessageId);
    }
    check('SequenceNumber grows', seqs.every((s, i) => i === 0 || s > seqs[i - 1]), seqs.map(String));
    const dup = await call('SendMessage', { QueueUrl: url, MessageBody: 'other', MessageGroupId: 'A', MessageDeduplicationId: 'd0' });
    check('dedup by id answers the first copy', dup.MessageId === sent[0] && BigInt(dup.SequenceNumber) === seqs[0], dup);
    const b = await call('SendMessageBatch', { QueueUrl: url, Entries: [
      { Id: '1', MessageBody: 'C5', MessageGroupId: 'C', MessageDeduplicationId: 'd5' },
      { Id: '2', MessageBody: 'C6', MessageGroupId: 'C', MessageDeduplicationId: 'd6' }] });
    check('FIFO batch SequenceNumbers', (b.Successful || []).length === 2 && b.Successful.every((s) => s.SequenceNumber), b);
    const first = await receive(url, { VisibilityTimeout: 30, ReceiveRequestAttemptId: 'attempt-1' });
    const byGroup = {};
    for (const m of first) (byGroup[m.Attributes.MessageGroupId] = byGroup[m.Attributes.MessageGroupId] || []).push(m.Body);
    check('FIFO order per group', (byGroup.A || []).join() === 'A0,A1,A3' && (byGroup.B || []).join() === 'B2,B4' &&
      (byGroup.C || []).join() === 'C5,C6', byGroup);
    check('FIFO system attributes', first[0] && first[0].Attributes.SequenceNumber && first[0].Attributes.MessageDeduplicationId, first[0]);
    const again = await receive(url, { VisibilityTimeout: 30, ReceiveRequestAttemptId: 'attempt-1' });
    check('ReceiveRequestAttemptId repeats the answer', JSON.stringify(again.map((m) => [m.MessageId, m.ReceiptHandle])) ===
      JSON.stringify(first.map((m) => [m.MessageId, m.ReceiptHandle])), { first: first.length, again: again.length });
    check('groups blocked while in flight', (await receive(url)).length === 0);
    await call('PurgeQueue', { QueueUrl: url });
    await call('SetQueueAttributes', { QueueUrl: url, Attributes: { ContentBasedDeduplication: 'true' } });
    const c1 = await call('SendMessage', { QueueUrl: url, MessageBody: 'same', MessageGroupId: 'g' });
    const c2 = await call('SendMessage', { QueueUrl: url, MessageBody: 'same', MessageGroupId: 'g' });
    check('content-based dedup', c1.MessageId === c2.MessageId, [c1, c2]);
    const cm = await receive(url);
    check('content-based dedup id = sha256', cm[0] && cm[0].Attributes.MessageDeduplicationId ===
      crypto.createHash('sha256').update('same').digest('hex'), cm);
    await call('DeleteQueue', { QueueUrl: url });
  }

  let url;
  try {
    url = await queues();
    await messages(url);
    await batches(url);
    await longPolling(url);
    await deadLetters();
    await fifo();
  } catch (e) {
    console.log(e);
    check('no unexpected exception', false, String(e));
  } finally {
    const left = (await call('ListQueues', { QueueNamePrefix: PREFIX })).QueueUrls || [];
    for (const u of left) await call('DeleteQueue', { QueueUrl: u }).catch(() => {});
  }
  console.log(`\n${passed.length} passed, ${failed.length} failed`);
  for (const f of failed) console.log(`  failed: ${f}`);
  return failed.length === 0;
}

module.exports = { run, credentials, REGION };
