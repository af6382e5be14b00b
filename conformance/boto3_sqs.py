#!/usr/bin/env python3
"""Black-box SQS conformance checks for opencmq with boto3.

Runs every SQS action opencmq supports against a running server and checks each response
field the way the AWS SQS API reference documents it. The protocol is whatever the installed
botocore speaks: botocore >= 1.31 (pip) uses the JSON 1.0 protocol, Debian bookworm's
python3-boto3 (botocore 1.29) the query protocol — so running this file with both Pythons
covers both. Not part of CI; see conformance/README.md.

Environment: SQS_ENDPOINT (default http://127.0.0.1:18990), and the server's key pair as
AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY or OPENCMQ_DATA_DIR (its credentials.properties).
Exit status 0 when every check passed, 1 otherwise.
"""
import hashlib
import json
import os
import sys
import threading
import time
import uuid

import boto3
import botocore
from botocore.config import Config
from botocore.exceptions import ClientError
from sqs_common import attributes_md5, credentials, md5, poll

ENDPOINT = os.environ.get("SQS_ENDPOINT", "http://127.0.0.1:18990")
REGION = "us-east-1"
ACCOUNT = "000000000000"
RUN = uuid.uuid4().hex[:6]
PREFIX = f"cpy{RUN}"

passed, failed = [], []


def check(name, cond, detail=""):
    (passed if cond else failed).append(name)
    if not cond:
        print(f"FAIL {name}: {detail}")
    return cond




def client():
    key, secret = credentials()
    # No retries: a retried request would hide the first answer we want to judge.
    return boto3.client("sqs", endpoint_url=ENDPOINT, region_name=REGION,
                        aws_access_key_id=key, aws_secret_access_key=secret,
                        config=Config(retries={"max_attempts": 1, "mode": "standard"},
                                      read_timeout=40, parameter_validation=False))


sqs = client()
PROTOCOL = sqs.meta.service_model.protocol
HAS = lambda op: hasattr(sqs, op)  # old botocore lacks the 2023 move-task actions


def expect_error(name, fn, query_code, status=400, exc_name=None):
    """Calls fn and checks it fails with AWS's query error code (botocore reports that code for
    both protocols: SQS is awsQueryCompatible) and, when given, the modeled exception class."""
    try:
        r = fn()
        check(name, False, f"expected {query_code}, got success {strip(r)}")
        return None
    except ClientError as e:
        err = e.response.get("Error", {})
        http = e.response.get("ResponseMetadata", {}).get("HTTPStatusCode")
        codes = query_code if isinstance(query_code, tuple) else (query_code,)
        ok = check(name, err.get("Code") in codes and (status is None or http == status),
                   f"expected {query_code}/{status}, got {err.get('Code')}/{http} {err.get('Message')!r}")
        if exc_name is not None:
            check(name + " [exception class]", type(e).__name__ == exc_name,
                  f"expected {exc_name}, got {type(e).__name__}")
        if ok:
            check(name + " [message present]", bool(err.get("Message")), f"no Message in {err}")
        return e


def strip(r):
    if isinstance(r, dict):
        return {k: v for k, v in r.items() if k != "ResponseMetadata"}
    return r








def receive(url, n=10, wait=0, vis=None, **kw):
    args = dict(QueueUrl=url, MaxNumberOfMessages=n, WaitTimeSeconds=wait,
                AttributeNames=["All"], MessageAttributeNames=["All"], **kw)
    if vis is not None:
        args["VisibilityTimeout"] = vis
    return sqs.receive_message(**args).get("Messages", [])


def create(name, **attrs):
    return sqs.create_queue(QueueName=name, Attributes={k: str(v) for k, v in attrs.items()})["QueueUrl"]


def arn(name):
    return f"arn:aws:sqs:{REGION}:{ACCOUNT}:{name}"


# ---------------------------------------------------------------- queue lifecycle
def queues():
    name = f"{PREFIX}-std"
    r = sqs.create_queue(QueueName=name, tags={"team": "conf", "env": "test"})
    url = r["QueueUrl"]
    check("CreateQueue QueueUrl", url.endswith(f"/{ACCOUNT}/{name}"), url)
    check("CreateQueue RequestId", bool(r["ResponseMetadata"].get("RequestId")), r["ResponseMetadata"])
    check("CreateQueue idempotent", sqs.create_queue(QueueName=name)["QueueUrl"] == url)
    expect_error("CreateQueue same name other attributes", lambda: sqs.create_queue(
        QueueName=name, Attributes={"VisibilityTimeout": "99"}), "QueueAlreadyExists", 400)
    check("GetQueueUrl", sqs.get_queue_url(QueueName=name)["QueueUrl"] == url)
    expect_error("GetQueueUrl nonexistent", lambda: sqs.get_queue_url(QueueName=f"{PREFIX}-nope"),
                 "AWS.SimpleQueueService.NonExistentQueue", 400, "QueueDoesNotExist")
    expect_error("CreateQueue invalid name", lambda: sqs.create_queue(QueueName="bad name!"),
                 "InvalidParameterValue")
    expect_error("CreateQueue name too long", lambda: sqs.create_queue(QueueName="a" * 81),
                 "InvalidParameterValue")

    a = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["All"])["Attributes"]
    expected = {"QueueArn", "ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible",
                "ApproximateNumberOfMessagesDelayed", "CreatedTimestamp", "LastModifiedTimestamp",
                "VisibilityTimeout", "MaximumMessageSize", "MessageRetentionPeriod", "DelaySeconds",
                "ReceiveMessageWaitTimeSeconds", "SqsManagedSseEnabled"}
    check("GetQueueAttributes All names", set(a) == expected, f"missing {expected - set(a)}, extra {set(a) - expected}")
    check("GetQueueAttributes values are strings", all(isinstance(v, str) for v in a.values()), a)
    check("QueueArn", a.get("QueueArn") == arn(name), a.get("QueueArn"))
    check("defaults", (a.get("VisibilityTimeout"), a.get("MessageRetentionPeriod"), a.get("DelaySeconds"),
                       a.get("ReceiveMessageWaitTimeSeconds")) == ("30", "345600", "0", "0"), a)
    check("MaximumMessageSize default (AWS: 262144 / now 1048576)", a.get("MaximumMessageSize") in ("262144", "1048576"),
          a.get("MaximumMessageSize"))
    now = time.time()
    check("CreatedTimestamp in epoch seconds", abs(int(a.get("CreatedTimestamp", "0")) - now) < 120, a.get("CreatedTimestamp"))
    for n in sorted(expected):
        one = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=[n]).get("Attributes", {})
        check(f"GetQueueAttributes {n} alone", list(one) == [n], one)
    two = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["DelaySeconds", "VisibilityTimeout"])["Attributes"]
    check("GetQueueAttributes two names", set(two) == {"DelaySeconds", "VisibilityTimeout"}, two)
    none = sqs.get_queue_attributes(QueueUrl=url)
    check("GetQueueAttributes no names -> no Attributes", not none.get("Attributes"), strip(none))
    expect_error("GetQueueAttributes unknown name", lambda: sqs.get_queue_attributes(
        QueueUrl=url, AttributeNames=["Bogus"]), "InvalidAttributeName")
    fifo_on_std = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["FifoQueue"]).get("Attributes", {})
    check("GetQueueAttributes FifoQueue on standard queue omitted", "FifoQueue" not in fifo_on_std, fifo_on_std)

    sqs.set_queue_attributes(QueueUrl=url, Attributes={"VisibilityTimeout": "45", "DelaySeconds": "1",
                                                         "MaximumMessageSize": "2048",
                                                         "MessageRetentionPeriod": "120",
                                                         "ReceiveMessageWaitTimeSeconds": "3"})
    b = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["All"])["Attributes"]
    check("SetQueueAttributes applied", (b["VisibilityTimeout"], b["DelaySeconds"], b["MaximumMessageSize"],
                                         b["MessageRetentionPeriod"], b["ReceiveMessageWaitTimeSeconds"])
          == ("45", "1", "2048", "120", "3"), b)
    check("LastModifiedTimestamp >= CreatedTimestamp", int(b["LastModifiedTimestamp"]) >= int(b["CreatedTimestamp"]), b)
    for attr, bad in [("VisibilityTimeout", "43201"), ("DelaySeconds", "901"), ("MaximumMessageSize", "1023"),
                      ("MessageRetentionPeriod", "59"), ("ReceiveMessageWaitTimeSeconds", "21"),
                      ("VisibilityTimeout", "abc")]:
        expect_error(f"SetQueueAttributes {attr}={bad}", lambda: sqs.set_queue_attributes(
            QueueUrl=url, Attributes={attr: bad}), "InvalidAttributeValue")
    expect_error("SetQueueAttributes unknown name", lambda: sqs.set_queue_attributes(
        QueueUrl=url, Attributes={"Bogus": "1"}), "InvalidAttributeName")
    expect_error("SetQueueAttributes FifoQueue on standard", lambda: sqs.set_queue_attributes(
        QueueUrl=url, Attributes={"FifoQueue": "true"}), "InvalidAttributeName")
    expect_error("SetQueueAttributes Policy unsupported", lambda: sqs.set_queue_attributes(
        QueueUrl=url, Attributes={"Policy": "{}"}), "AWS.SimpleQueueService.UnsupportedOperation",
        None)
    after_bad = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["VisibilityTimeout"])["Attributes"]
    check("failed SetQueueAttributes changed nothing", after_bad["VisibilityTimeout"] == "45", after_bad)
    sqs.set_queue_attributes(QueueUrl=url, Attributes={"DelaySeconds": "0", "ReceiveMessageWaitTimeSeconds": "0",
                                                         "MaximumMessageSize": "262144",
                                                         "MessageRetentionPeriod": "345600"})

    # tags
    t = sqs.list_queue_tags(QueueUrl=url).get("Tags", {})
    check("CreateQueue tags", t == {"team": "conf", "env": "test"}, t)
    sqs.tag_queue(QueueUrl=url, Tags={"env": "prod", "new": "x"})
    t = sqs.list_queue_tags(QueueUrl=url).get("Tags", {})
    check("TagQueue overwrite + add", t == {"team": "conf", "env": "prod", "new": "x"}, t)
    sqs.untag_queue(QueueUrl=url, TagKeys=["team", "absent"])
    t = sqs.list_queue_tags(QueueUrl=url).get("Tags", {})
    check("UntagQueue", t == {"env": "prod", "new": "x"}, t)
    sqs.untag_queue(QueueUrl=url, TagKeys=["env", "new"])
    t = sqs.list_queue_tags(QueueUrl=url)
    check("ListQueueTags empty", not t.get("Tags"), strip(t))

    # ListQueues, prefix and pagination
    names = [f"{PREFIX}-list-{i:02d}" for i in range(5)]
    for n in names:
        create(n)
    lq = sqs.list_queues(QueueNamePrefix=f"{PREFIX}-list-")
    urls = lq.get("QueueUrls", [])
    check("ListQueues prefix", sorted(u.rsplit("/", 1)[1] for u in urls) == names, urls)
    check("ListQueues without MaxResults has no NextToken", "NextToken" not in lq, strip(lq))
    check("ListQueues prefix is case-sensitive",
          not sqs.list_queues(QueueNamePrefix=f"{PREFIX}-LIST-").get("QueueUrls"))
    seen, token, pages = [], None, 0
    while pages < 10:
        kw = dict(QueueNamePrefix=f"{PREFIX}-list-", MaxResults=2)
        if token:
            kw["NextToken"] = token
        page = sqs.list_queues(**kw)
        pages += 1
        check(f"ListQueues page {pages} size <= 2", len(page.get("QueueUrls", [])) <= 2, page)
        seen += page.get("QueueUrls", [])
        token = page.get("NextToken")
        if not token:
            break
    check("ListQueues pagination covers all once", sorted(u.rsplit("/", 1)[1] for u in seen) == names and pages == 3,
          (pages, seen))
    pag = [u for p in sqs.get_paginator("list_queues").paginate(
        QueueNamePrefix=f"{PREFIX}-list-", PaginationConfig={"PageSize": 2}) for u in p.get("QueueUrls", [])]
    check("ListQueues paginator", len(pag) == 5, pag)
    expect_error("ListQueues MaxResults=0", lambda: sqs.list_queues(MaxResults=0), "InvalidParameterValue")
    expect_error("ListQueues MaxResults=1001", lambda: sqs.list_queues(MaxResults=1001), "InvalidParameterValue")
    for n in names:
        sqs.delete_queue(QueueUrl=sqs.get_queue_url(QueueName=n)["QueueUrl"])
    check("DeleteQueue removes", not sqs.list_queues(QueueNamePrefix=f"{PREFIX}-list-").get("QueueUrls"))
    expect_error("DeleteQueue nonexistent", lambda: sqs.delete_queue(QueueUrl=url + "-gone"),
                 "AWS.SimpleQueueService.NonExistentQueue", 400, "QueueDoesNotExist")
    return url


# ---------------------------------------------------------------- messages
MSG_ATTRS = {
    "s": {"DataType": "String", "StringValue": "héllo wörld ✓"},
    "n": {"DataType": "Number", "StringValue": "-12.5e3"},
    "b": {"DataType": "Binary", "BinaryValue": bytes(range(256))},
    "custom.s": {"DataType": "String.custom", "StringValue": "x"},
    "f": {"DataType": "Number.float", "StringValue": "3.14"},
    "img": {"DataType": "Binary.gif", "BinaryValue": b"GIF89a"},
}


def messages(url):
    body = "body ✓ \U0001F600 <&>"
    r = sqs.send_message(QueueUrl=url, MessageBody=body, MessageAttributes=MSG_ATTRS,
                         MessageSystemAttributes={"AWSTraceHeader": {
                             "DataType": "String", "StringValue": "Root=1-5759e988-bd862e3fe1be46a994272793"}})
    check("SendMessage MessageId", bool(r.get("MessageId")), r)
    check("SendMessage MD5OfMessageBody", r.get("MD5OfMessageBody") == md5(body.encode()), r)
    check("SendMessage MD5OfMessageAttributes", r.get("MD5OfMessageAttributes") == attributes_md5(MSG_ATTRS), r)
    check("SendMessage MD5OfMessageSystemAttributes", r.get("MD5OfMessageSystemAttributes") == attributes_md5(
        {"AWSTraceHeader": {"DataType": "String", "StringValue": "Root=1-5759e988-bd862e3fe1be46a994272793"}}), r)
    check("SendMessage no SequenceNumber on standard", "SequenceNumber" not in r, r)
    plain = sqs.send_message(QueueUrl=url, MessageBody="plain")
    check("SendMessage without attributes has no MD5OfMessageAttributes", "MD5OfMessageAttributes" not in plain,
          strip(plain))
    t0 = time.time()
    ms = receive(url, n=10, vis=30)
    check("ReceiveMessage gets 2", len(ms) == 2, ms)
    m = next((x for x in ms if x["MessageId"] == r["MessageId"]), None)
    if not check("ReceiveMessage returns the sent message", m is not None, ms):
        return
    check("Receive Body", m["Body"] == body, m["Body"])
    check("Receive MD5OfBody", m["MD5OfBody"] == md5(body.encode()), m)
    check("Receive ReceiptHandle", bool(m.get("ReceiptHandle")), m)
    check("Receive MessageAttributes round trip", strip_lists(m.get("MessageAttributes")) == MSG_ATTRS,
          m.get("MessageAttributes"))
    check("Receive MD5OfMessageAttributes", m.get("MD5OfMessageAttributes") == attributes_md5(MSG_ATTRS), m)
    sa = m.get("Attributes", {})
    check("Receive SenderId", bool(sa.get("SenderId")), sa)
    check("Receive SentTimestamp ms", abs(int(sa.get("SentTimestamp", 0)) / 1000 - t0) < 60, sa)
    check("Receive ApproximateReceiveCount", sa.get("ApproximateReceiveCount") == "1", sa)
    check("Receive ApproximateFirstReceiveTimestamp ms",
          abs(int(sa.get("ApproximateFirstReceiveTimestamp", 0)) / 1000 - time.time()) < 60, sa)
    check("Receive AWSTraceHeader", sa.get("AWSTraceHeader") == "Root=1-5759e988-bd862e3fe1be46a994272793", sa)
    check("Receive no FIFO attributes on standard", not ({"SequenceNumber", "MessageDeduplicationId"} & set(sa)), sa)
    pm = next(x for x in ms if x["MessageId"] == plain["MessageId"])
    check("Receive message without attributes: no MD5OfMessageAttributes", "MD5OfMessageAttributes" not in pm, pm)

    # selecting message attributes by name and prefix
    sqs.change_message_visibility(QueueUrl=url, ReceiptHandle=m["ReceiptHandle"], VisibilityTimeout=0)
    sel = receive_one(url, r["MessageId"], MessageAttributeNames=["s", "custom.*"])
    if sel:
        got = set(sel.get("MessageAttributes", {}))
        check("MessageAttributeNames names + prefix.*", got == {"s", "custom.s"}, got)
        check("MD5OfMessageAttributes covers the selection",
              sel.get("MD5OfMessageAttributes") == attributes_md5({k: MSG_ATTRS[k] for k in got}), sel)
        check("ApproximateReceiveCount grows", sel["Attributes"].get("ApproximateReceiveCount") == "2", sel["Attributes"])
        check("first receive timestamp kept", sel["Attributes"].get("ApproximateFirstReceiveTimestamp")
              == sa.get("ApproximateFirstReceiveTimestamp"), (sel["Attributes"], sa))
        sqs.change_message_visibility(QueueUrl=url, ReceiptHandle=sel["ReceiptHandle"], VisibilityTimeout=0)
        only = receive_one(url, r["MessageId"], attr_names=["SentTimestamp"])
        if only:
            check("AttributeNames one system attribute", set(only.get("Attributes", {})) == {"SentTimestamp"},
                  only.get("Attributes"))
            check("no MessageAttributeNames -> no MessageAttributes", not only.get("MessageAttributes"), only)
            m = only
    # visibility: in flight, not received again, counts
    a = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["ApproximateNumberOfMessages",
                                                                 "ApproximateNumberOfMessagesNotVisible"])["Attributes"]
    check("counts while in flight", (a["ApproximateNumberOfMessages"], a["ApproximateNumberOfMessagesNotVisible"])
          == ("0", "2"), a)
    check("in-flight messages not received", receive(url) == [])
    sqs.delete_message(QueueUrl=url, ReceiptHandle=m["ReceiptHandle"])
    sqs.delete_message(QueueUrl=url, ReceiptHandle=pm["ReceiptHandle"])
    sqs.delete_message(QueueUrl=url, ReceiptHandle=pm["ReceiptHandle"])
    check("DeleteMessage twice with the same handle succeeds", True)
    a = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["All"])["Attributes"]
    check("counts after delete", (a["ApproximateNumberOfMessages"], a["ApproximateNumberOfMessagesNotVisible"]) == ("0", "0"), a)

    # errors on a single message
    expect_error("DeleteMessage malformed handle", lambda: sqs.delete_message(QueueUrl=url, ReceiptHandle="garbage"),
                 "ReceiptHandleIsInvalid", 400, "ReceiptHandleIsInvalid")
    expect_error("ChangeMessageVisibility malformed handle", lambda: sqs.change_message_visibility(
        QueueUrl=url, ReceiptHandle="garbage", VisibilityTimeout=5), "ReceiptHandleIsInvalid", 400)
    expect_error("SendMessage nonexistent queue", lambda: sqs.send_message(
        QueueUrl=f"{ENDPOINT}/{ACCOUNT}/{PREFIX}-nope", MessageBody="x"),
        "AWS.SimpleQueueService.NonExistentQueue", 400, "QueueDoesNotExist")
    expect_error("ReceiveMessage nonexistent queue", lambda: sqs.receive_message(
        QueueUrl=f"{ENDPOINT}/{ACCOUNT}/{PREFIX}-nope"), "AWS.SimpleQueueService.NonExistentQueue", 400)
    expect_error("SendMessage empty body", lambda: sqs.send_message(QueueUrl=url, MessageBody=""),
                 ("MissingParameter", "InvalidParameterValue"), 400)
    expect_error("SendMessage invalid character", lambda: sqs.send_message(QueueUrl=url, MessageBody="a\x00b"),
                 "InvalidMessageContents", 400)
    expect_error("SendMessage DelaySeconds=901", lambda: sqs.send_message(QueueUrl=url, MessageBody="x", DelaySeconds=901),
                 "InvalidParameterValue")
    expect_error("SendMessage too large", lambda: sqs.send_message(QueueUrl=url, MessageBody="x" * 262145),
                 "InvalidParameterValue")
    expect_error("SendMessage attribute without value", lambda: sqs.send_message(
        QueueUrl=url, MessageBody="x", MessageAttributes={"a": {"DataType": "String"}}), "InvalidParameterValue")
    expect_error("SendMessage attribute bad type", lambda: sqs.send_message(
        QueueUrl=url, MessageBody="x", MessageAttributes={"a": {"DataType": "Text", "StringValue": "v"}}),
        "InvalidParameterValue")
    expect_error("SendMessage Number not a number", lambda: sqs.send_message(
        QueueUrl=url, MessageBody="x", MessageAttributes={"a": {"DataType": "Number", "StringValue": "abc"}}),
        "InvalidParameterValue")
    expect_error("SendMessage 11 attributes", lambda: sqs.send_message(
        QueueUrl=url, MessageBody="x",
        MessageAttributes={f"a{i}": {"DataType": "String", "StringValue": "v"} for i in range(11)}),
        "InvalidParameterValue")
    expect_error("SendMessage reserved attribute name", lambda: sqs.send_message(
        QueueUrl=url, MessageBody="x", MessageAttributes={"AWS.x": {"DataType": "String", "StringValue": "v"}}),
        "InvalidParameterValue")
    expect_error("SendMessage MessageDeduplicationId on standard", lambda: sqs.send_message(
        QueueUrl=url, MessageBody="x", MessageDeduplicationId="d"), "InvalidParameterValue")
    expect_error("ReceiveMessage MaxNumberOfMessages=11", lambda: sqs.receive_message(
        QueueUrl=url, MaxNumberOfMessages=11), "InvalidParameterValue")
    expect_error("ReceiveMessage MaxNumberOfMessages=0", lambda: sqs.receive_message(
        QueueUrl=url, MaxNumberOfMessages=0), "InvalidParameterValue")
    expect_error("ReceiveMessage WaitTimeSeconds=21", lambda: sqs.receive_message(
        QueueUrl=url, WaitTimeSeconds=21), "InvalidParameterValue")
    expect_error("ReceiveMessage VisibilityTimeout=43201", lambda: sqs.receive_message(
        QueueUrl=url, VisibilityTimeout=43201), "InvalidParameterValue")

    expect_error("SendMessage empty String attribute value", lambda: sqs.send_message(
        QueueUrl=url, MessageBody="x", MessageAttributes={"a": {"DataType": "String", "StringValue": ""}}),
        "InvalidParameterValue")
    expect_error("SendMessage empty Binary attribute value", lambda: sqs.send_message(
        QueueUrl=url, MessageBody="x", MessageAttributes={"a": {"DataType": "Binary", "BinaryValue": b""}}),
        "InvalidParameterValue")
    if "MessageSystemAttributeNames" in sqs.meta.service_model.operation_model("ReceiveMessage").input_shape.members:
        sqs.send_message(QueueUrl=url, MessageBody="sysattrs")
        got = sqs.receive_message(QueueUrl=url, MessageSystemAttributeNames=["ApproximateReceiveCount", "SenderId"],
                                  VisibilityTimeout=0).get("Messages", [])
        check("ReceiveMessage MessageSystemAttributeNames", got and set(got[0].get("Attributes", {})) ==
              {"ApproximateReceiveCount", "SenderId"}, got)
        for x in receive(url):
            sqs.delete_message(QueueUrl=url, ReceiptHandle=x["ReceiptHandle"])
    expect_error("ListQueues bad NextToken", lambda: sqs.list_queues(MaxResults=1, NextToken="garbage!"),
                 "InvalidParameterValue")
    # session credentials: the SDK signs X-Amz-Security-Token; opencmq has no STS but must not choke on it
    key, secret = credentials()
    with_token = boto3.client("sqs", endpoint_url=ENDPOINT, region_name=REGION, aws_access_key_id=key,
                              aws_secret_access_key=secret, aws_session_token="token-from-sts")
    try:
        with_token.get_queue_url(QueueName=url.rsplit("/", 1)[1])
        check("request with a session token", True)
    except ClientError as e:
        check("request with a session token", False, e.response["Error"])

    # message group id on a standard queue (fair queues)
    sqs.send_message(QueueUrl=url, MessageBody="fair", MessageGroupId="tenant-1")
    fm = receive(url)
    check("standard queue MessageGroupId returned", fm and fm[0]["Attributes"].get("MessageGroupId") == "tenant-1", fm)
    for x in fm:
        sqs.delete_message(QueueUrl=url, ReceiptHandle=x["ReceiptHandle"])


def strip_lists(attrs):
    return {k: {f: v for f, v in a.items() if f not in ("StringListValues", "BinaryListValues")}
            for k, a in (attrs or {}).items()}


def receive_one(url, msg_id, attr_names=None, **kw):
    args = dict(QueueUrl=url, MaxNumberOfMessages=10, WaitTimeSeconds=0, **kw)
    if attr_names is not None:
        args["AttributeNames"] = attr_names
    else:
        args["AttributeNames"] = ["All"]
    got = poll(lambda: [x for x in sqs.receive_message(**args).get("Messages", []) if x["MessageId"] == msg_id], 5)
    check(f"receive {msg_id[:8]} again", bool(got), got)
    return got[0] if got else None


def batches(url):
    entries = [{"Id": f"e{i}", "MessageBody": f"m{i}", "MessageAttributes": {
        "i": {"DataType": "Number", "StringValue": str(i)}}} for i in range(9)]
    entries.append({"Id": "bad", "MessageBody": "x\x01y"})
    r = sqs.send_message_batch(QueueUrl=url, Entries=entries)
    ok = {s["Id"]: s for s in r.get("Successful", [])}
    fail = {f["Id"]: f for f in r.get("Failed", [])}
    check("SendMessageBatch partial: 9 ok", set(ok) == {f"e{i}" for i in range(9)}, strip(r))
    check("SendMessageBatch partial: bad entry failed", set(fail) == {"bad"}, strip(r))
    if "bad" in fail:
        check("Failed entry SenderFault", fail["bad"].get("SenderFault") is True, fail["bad"])
        check("Failed entry Code", fail["bad"].get("Code") in ("InvalidMessageContents",), fail["bad"])
        check("Failed entry Message", bool(fail["bad"].get("Message")), fail["bad"])
    for i in range(9):
        s = ok.get(f"e{i}", {})
        check(f"batch e{i} MD5s", s.get("MD5OfMessageBody") == md5(f"m{i}".encode()) and
              s.get("MD5OfMessageAttributes") == attributes_md5({"i": {"DataType": "Number", "StringValue": str(i)}}), s)
    got, rounds = [], 0
    while len(got) < 9 and rounds < 10:
        got += receive(url, n=10)
        rounds += 1
    check("receive the 9 batch messages", len(got) == 9, len(got))
    d = sqs.delete_message_batch(QueueUrl=url, Entries=[{"Id": f"d{i}", "ReceiptHandle": m["ReceiptHandle"]}
                                                        for i, m in enumerate(got[:8])]
                                 + [{"Id": "dbad", "ReceiptHandle": "not-a-handle"}])
    check("DeleteMessageBatch Successful", {s["Id"] for s in d.get("Successful", [])} == {f"d{i}" for i in range(8)}, strip(d))
    f = d.get("Failed", [])
    check("DeleteMessageBatch Failed bad handle", len(f) == 1 and f[0]["Id"] == "dbad" and
          f[0]["Code"] == "ReceiptHandleIsInvalid" and f[0]["SenderFault"] is True, f)
    last = got[8]
    c = sqs.change_message_visibility_batch(QueueUrl=url, Entries=[
        {"Id": "c1", "ReceiptHandle": last["ReceiptHandle"], "VisibilityTimeout": 0},
        {"Id": "c2", "ReceiptHandle": "not-a-handle", "VisibilityTimeout": 0}])
    check("ChangeMessageVisibilityBatch Successful", [s["Id"] for s in c.get("Successful", [])] == ["c1"], strip(c))
    check("ChangeMessageVisibilityBatch Failed", [(x["Id"], x["Code"], x["SenderFault"]) for x in c.get("Failed", [])]
          == [("c2", "ReceiptHandleIsInvalid", True)], c.get("Failed"))
    again = receive(url)
    check("visibility 0 makes it receivable", [x["MessageId"] for x in again] == [last["MessageId"]], again)
    if again:
        sqs.delete_message(QueueUrl=url, ReceiptHandle=again[0]["ReceiptHandle"])
        expect_error("ChangeMessageVisibility after delete", lambda: sqs.change_message_visibility(
            QueueUrl=url, ReceiptHandle=again[0]["ReceiptHandle"], VisibilityTimeout=10),
            "AWS.SimpleQueueService.MessageNotInflight", 400)

    many = [{"Id": f"x{i}", "MessageBody": "x"} for i in range(11)]
    expect_error("SendMessageBatch 11 entries", lambda: sqs.send_message_batch(QueueUrl=url, Entries=many),
                 "AWS.SimpleQueueService.TooManyEntriesInBatchRequest", 400, "TooManyEntriesInBatchRequest")
    expect_error("DeleteMessageBatch 11 entries", lambda: sqs.delete_message_batch(
        QueueUrl=url, Entries=[{"Id": f"x{i}", "ReceiptHandle": "h"} for i in range(11)]),
        "AWS.SimpleQueueService.TooManyEntriesInBatchRequest", 400)
    expect_error("ChangeMessageVisibilityBatch 11 entries", lambda: sqs.change_message_visibility_batch(
        QueueUrl=url, Entries=[{"Id": f"x{i}", "ReceiptHandle": "h", "VisibilityTimeout": 1} for i in range(11)]),
        "AWS.SimpleQueueService.TooManyEntriesInBatchRequest", 400)
    expect_error("SendMessageBatch empty", lambda: sqs.send_message_batch(QueueUrl=url, Entries=[]),
                 "AWS.SimpleQueueService.EmptyBatchRequest", 400, "EmptyBatchRequest")
    expect_error("SendMessageBatch duplicate ids", lambda: sqs.send_message_batch(
        QueueUrl=url, Entries=[{"Id": "a", "MessageBody": "1"}, {"Id": "a", "MessageBody": "2"}]),
        "AWS.SimpleQueueService.BatchEntryIdsNotDistinct", 400, "BatchEntryIdsNotDistinct")
    expect_error("SendMessageBatch invalid id", lambda: sqs.send_message_batch(
        QueueUrl=url, Entries=[{"Id": "bad id!", "MessageBody": "1"}]),
        "AWS.SimpleQueueService.InvalidBatchEntryId", 400, "InvalidBatchEntryId")
    # AWS: the entries together may not exceed the maximum message size (1 MiB) -> BatchRequestTooLong.
    expect_error("SendMessageBatch 1.1 MB", lambda: sqs.send_message_batch(
        QueueUrl=url, Entries=[{"Id": f"l{i}", "MessageBody": "x" * 220_000} for i in range(5)]),
        "AWS.SimpleQueueService.BatchRequestTooLong", 400, "BatchRequestTooLong")
    expect_error("SendMessageBatch 2 MB", lambda: sqs.send_message_batch(
        QueueUrl=url, Entries=[{"Id": f"l{i}", "MessageBody": "x" * 200_000} for i in range(10)]),
        "AWS.SimpleQueueService.BatchRequestTooLong", 400, "BatchRequestTooLong")
    sqs.purge_queue(QueueUrl=url)


def long_polling(url):
    t = time.time()
    r = sqs.receive_message(QueueUrl=url, WaitTimeSeconds=2)
    dt = time.time() - t
    check("long poll empty waits ~2s", 1.8 <= dt < 5, dt)
    check("empty receive has no Messages", not r.get("Messages"), strip(r))
    sqs.set_queue_attributes(QueueUrl=url, Attributes={"ReceiveMessageWaitTimeSeconds": "1"})
    t = time.time()
    sqs.receive_message(QueueUrl=url)
    dt = time.time() - t
    check("queue ReceiveMessageWaitTimeSeconds applies", 0.8 <= dt < 4, dt)
    sqs.set_queue_attributes(QueueUrl=url, Attributes={"ReceiveMessageWaitTimeSeconds": "0"})
    # a send wakes a parked receive
    out = {}

    def recv():
        t0 = time.time()
        out["m"] = sqs_parallel.receive_message(QueueUrl=url, WaitTimeSeconds=10).get("Messages", [])
        out["dt"] = time.time() - t0
    sqs_parallel = client()
    th = threading.Thread(target=recv)
    th.start()
    time.sleep(0.5)
    sqs.send_message(QueueUrl=url, MessageBody="wake")
    th.join(15)
    check("send wakes parked receive", out.get("m") and out.get("dt", 99) < 5, out)
    for m in out.get("m", []):
        sqs.delete_message(QueueUrl=url, ReceiptHandle=m["ReceiptHandle"])
    # delay
    sqs.send_message(QueueUrl=url, MessageBody="late", DelaySeconds=2)
    a = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["ApproximateNumberOfMessagesDelayed"])["Attributes"]
    check("ApproximateNumberOfMessagesDelayed", a.get("ApproximateNumberOfMessagesDelayed") == "1", a)
    check("delayed message hidden", receive(url) == [])
    later = poll(lambda: receive(url), 6)
    check("delayed message arrives", len(later) == 1, later)
    for m in later:
        sqs.delete_message(QueueUrl=url, ReceiptHandle=m["ReceiptHandle"])
    # visibility timeout expiry and purge
    sqs.send_message(QueueUrl=url, MessageBody="vis")
    first = receive(url, vis=1)
    again = poll(lambda: receive(url), 5)
    check("message back after its visibility timeout", len(first) == 1 and len(again) == 1 and
          again[0]["Attributes"]["ApproximateReceiveCount"] == "2", (first, again))
    if again:
        expect_error("ChangeMessageVisibility 43201", lambda: sqs.change_message_visibility(
            QueueUrl=url, ReceiptHandle=again[0]["ReceiptHandle"], VisibilityTimeout=43201), "InvalidParameterValue")
        sqs.change_message_visibility(QueueUrl=url, ReceiptHandle=again[0]["ReceiptHandle"], VisibilityTimeout=60)
        # At most 12 hours from the receive in all, however the lock is extended (API reference).
        time.sleep(1.1)
        expect_error("ChangeMessageVisibility beyond 12 h after the receive", lambda: sqs.change_message_visibility(
            QueueUrl=url, ReceiptHandle=again[0]["ReceiptHandle"], VisibilityTimeout=43200), "InvalidParameterValue")
        if first:
            expect_error("ChangeMessageVisibility with superseded handle", lambda: sqs.change_message_visibility(
                QueueUrl=url, ReceiptHandle=first[0]["ReceiptHandle"], VisibilityTimeout=0),
                "AWS.SimpleQueueService.MessageNotInflight", 400)
    sqs.purge_queue(QueueUrl=url)
    a = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["All"])["Attributes"]
    check("PurgeQueue empties", (a["ApproximateNumberOfMessages"], a["ApproximateNumberOfMessagesNotVisible"],
                                 a["ApproximateNumberOfMessagesDelayed"]) == ("0", "0", "0"), a)


# ---------------------------------------------------------------- dead letters and move tasks
def dead_letters():
    dlq_name, src_name = f"{PREFIX}-dlq", f"{PREFIX}-src"
    dlq = create(dlq_name)
    src = sqs.create_queue(QueueName=src_name, Attributes={"RedrivePolicy": (
        '{"deadLetterTargetArn":"%s","maxReceiveCount":"1"}' % arn(dlq_name))})["QueueUrl"]
    rp = sqs.get_queue_attributes(QueueUrl=src, AttributeNames=["RedrivePolicy"])["Attributes"].get("RedrivePolicy", "")
    try:
        rpj = json.loads(rp)
    except ValueError:
        rpj = {}
    check("RedrivePolicy read back", rpj.get("deadLetterTargetArn") == arn(dlq_name) and
          int(rpj.get("maxReceiveCount", 0)) == 1, rp)
    check("RedrivePolicy maxReceiveCount is a number (AWS returns a JSON number)",
          isinstance(rpj.get("maxReceiveCount"), int), rp)
    ls = sqs.list_dead_letter_source_queues(QueueUrl=dlq)
    check("ListDeadLetterSourceQueues", [u.rsplit("/", 1)[1] for u in ls.get("queueUrls", [])] == [src_name], strip(ls))
    lp = sqs.list_dead_letter_source_queues(QueueUrl=dlq, MaxResults=1)
    check("ListDeadLetterSourceQueues MaxResults", len(lp.get("queueUrls", [])) == 1 and "NextToken" not in lp, strip(lp))
    expect_error("RedrivePolicy to missing queue", lambda: sqs.set_queue_attributes(QueueUrl=src, Attributes={
        "RedrivePolicy": '{"deadLetterTargetArn":"%s","maxReceiveCount":1}' % arn(f"{PREFIX}-missing")}),
        "InvalidParameterValue", 400)
    expect_error("RedrivePolicy maxReceiveCount 0", lambda: sqs.set_queue_attributes(QueueUrl=src, Attributes={
        "RedrivePolicy": '{"deadLetterTargetArn":"%s","maxReceiveCount":0}' % arn(dlq_name)}), "InvalidParameterValue")
    sqs.set_queue_attributes(QueueUrl=dlq, Attributes={"RedriveAllowPolicy": '{"redrivePermission":"denyAll"}'})
    expect_error("RedriveAllowPolicy denyAll refuses a new source", lambda: create(
        f"{PREFIX}-src2", RedrivePolicy='{"deadLetterTargetArn":"%s","maxReceiveCount":1}' % arn(dlq_name)),
        "InvalidParameterValue")
    sqs.set_queue_attributes(QueueUrl=dlq, Attributes={"RedriveAllowPolicy": '{"redrivePermission":"allowAll"}'})

    ids = [sqs.send_message(QueueUrl=src, MessageBody=f"dead{i}")["MessageId"] for i in range(3)]
    sent_at = []
    got = []
    for _ in range(5):
        got += receive(src, vis=1)
        sent_at = [m["Attributes"]["SentTimestamp"] for m in got]
        if len(got) >= 3:
            break
    check("received 3 from source", len(got) == 3, len(got))
    time.sleep(1.5)

    def dlq_count():
        receive(src)  # AWS moves on the next receive; opencmq when the lock expires
        a = sqs.get_queue_attributes(QueueUrl=dlq, AttributeNames=["ApproximateNumberOfMessages"])["Attributes"]
        return a["ApproximateNumberOfMessages"] == "3"
    check("messages moved to the DLQ after maxReceiveCount", poll(dlq_count, 10, 0.5))
    dm = receive(dlq, vis=0)
    # AWS keeps a dead letter's MessageId (its FIFO DLQ note even uses the id as the new dedup id)
    # and, on standard queues, its enqueue timestamp.
    check("dead letters keep their MessageId", sorted(m["MessageId"] for m in dm) == sorted(ids),
          (ids, [m["MessageId"] for m in dm]))
    check("dead letters keep their SentTimestamp (standard queue)",
          sorted(m["Attributes"]["SentTimestamp"] for m in dm) == sorted(sent_at), (sent_at, dm))
    check("dead letters keep their bodies", sorted(m["Body"] for m in dm) == ["dead0", "dead1", "dead2"], dm)
    if dm:
        check("DeadLetterQueueSourceArn", dm[0]["Attributes"].get("DeadLetterQueueSourceArn") == arn(src_name),
              dm[0]["Attributes"])

    if not HAS("start_message_move_task"):
        print(f"note: botocore {botocore.__version__} has no message move task actions; skipped")
        return src, dlq
    expect_error("StartMessageMoveTask non-DLQ source", lambda: sqs.start_message_move_task(SourceArn=arn(src_name)),
                 "InvalidParameterValue")
    expect_error("StartMessageMoveTask missing source", lambda: sqs.start_message_move_task(
        SourceArn=arn(f"{PREFIX}-missing")), "ResourceNotFoundException", None)
    expect_error("StartMessageMoveTask rate 501", lambda: sqs.start_message_move_task(
        SourceArn=arn(dlq_name), MaxNumberOfMessagesPerSecond=501), "InvalidParameterValue")
    t = sqs.start_message_move_task(SourceArn=arn(dlq_name))
    handle = t.get("TaskHandle")
    check("StartMessageMoveTask TaskHandle", bool(handle), t)

    def done():
        rs = sqs.list_message_move_tasks(SourceArn=arn(dlq_name)).get("Results", [])
        return rs if rs and rs[0]["Status"] == "COMPLETED" else None
    rs = poll(done, 10, 0.3)
    check("ListMessageMoveTasks COMPLETED", bool(rs), rs)
    if rs:
        e = rs[0]
        check("ListMessageMoveTasks fields", e.get("SourceArn") == arn(dlq_name) and
              e.get("ApproximateNumberOfMessagesMoved") == 3 and e.get("ApproximateNumberOfMessagesToMove") == 3 and
              isinstance(e.get("StartedTimestamp"), int) and "TaskHandle" not in e and "DestinationArn" not in e, e)
        check("StartedTimestamp in ms", abs(e.get("StartedTimestamp", 0) / 1000 - time.time()) < 120, e)
    back = []
    for _ in range(5):
        back += receive(src)
        if len(back) >= 3:
            break
    # AWS: redriven messages are new messages (new MessageId and enqueue time).
    check("redriven messages back in the source", sorted(m["Body"] for m in back) == ["dead0", "dead1", "dead2"], back)
    for m in back:
        sqs.delete_message(QueueUrl=src, ReceiptHandle=m["ReceiptHandle"])
    expect_error("CancelMessageMoveTask of a finished task", lambda: sqs.cancel_message_move_task(TaskHandle=handle),
                 ("InvalidParameterValue", "ResourceNotFoundException"), None)
    expect_error("CancelMessageMoveTask unknown handle", lambda: sqs.cancel_message_move_task(TaskHandle="nope"),
                 "ResourceNotFoundException", None)
    # a throttled task can be cancelled while running
    for i in range(6):
        sqs.send_message(QueueUrl=dlq, MessageBody=f"slow{i}")
    other = create(f"{PREFIX}-dest")
    t = sqs.start_message_move_task(SourceArn=arn(dlq_name), DestinationArn=arn(f"{PREFIX}-dest"),
                                    MaxNumberOfMessagesPerSecond=1)
    rs = sqs.list_message_move_tasks(SourceArn=arn(dlq_name), MaxResults=10).get("Results", [])
    check("ListMessageMoveTasks newest first, RUNNING with handle", len(rs) == 2 and rs[0]["Status"] == "RUNNING" and
          rs[0].get("TaskHandle") == t["TaskHandle"] and rs[0].get("DestinationArn") == arn(f"{PREFIX}-dest") and
          rs[0].get("MaxNumberOfMessagesPerSecond") == 1 and rs[1]["Status"] == "COMPLETED", rs)
    expect_error("second StartMessageMoveTask while one runs", lambda: sqs.start_message_move_task(
        SourceArn=arn(dlq_name)), "InvalidParameterValue")
    time.sleep(1.2)
    c = sqs.cancel_message_move_task(TaskHandle=t["TaskHandle"])
    moved = c.get("ApproximateNumberOfMessagesMoved")
    check("CancelMessageMoveTask ApproximateNumberOfMessagesMoved", isinstance(moved, int) and 0 <= moved < 6, c)
    st = poll(lambda: [r for r in sqs.list_message_move_tasks(SourceArn=arn(dlq_name)).get("Results", [])
                       if r["Status"] in ("CANCELLED",)], 5)
    check("task CANCELLED", bool(st), sqs.list_message_move_tasks(SourceArn=arn(dlq_name)).get("Results"))
    expect_error("ListMessageMoveTasks MaxResults 11", lambda: sqs.list_message_move_tasks(
        SourceArn=arn(dlq_name), MaxResults=11), "InvalidParameterValue")
    sqs.set_queue_attributes(QueueUrl=src, Attributes={"RedrivePolicy": ""})
    a = sqs.get_queue_attributes(QueueUrl=src, AttributeNames=["All"])["Attributes"]
    check("RedrivePolicy removed with \"\"", "RedrivePolicy" not in a, a)
    return src, dlq


# ---------------------------------------------------------------- FIFO
def fifo():
    expect_error("FIFO name without FifoQueue", lambda: sqs.create_queue(QueueName=f"{PREFIX}-x.fifo"),
                 "InvalidParameterValue")
    expect_error("FifoQueue without .fifo name", lambda: create(f"{PREFIX}-x", FifoQueue="true"),
                 "InvalidParameterValue")
    name = f"{PREFIX}-q.fifo"
    url = create(name, FifoQueue="true")
    a = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["All"])["Attributes"]
    check("FIFO attributes", a.get("FifoQueue") == "true" and a.get("ContentBasedDeduplication") == "false" and
          a.get("DeduplicationScope") == "queue" and a.get("FifoThroughputLimit") == "perQueue", a)
    expect_error("FIFO send without group", lambda: sqs.send_message(QueueUrl=url, MessageBody="x",
                                                                     MessageDeduplicationId="d"), "MissingParameter")
    expect_error("FIFO send without dedup id", lambda: sqs.send_message(QueueUrl=url, MessageBody="x",
                                                                        MessageGroupId="g"), "InvalidParameterValue")
    expect_error("FIFO per-message DelaySeconds", lambda: sqs.send_message(
        QueueUrl=url, MessageBody="x", MessageGroupId="g", MessageDeduplicationId="dd", DelaySeconds=5),
        "InvalidParameterValue")
    seqs, sent = [], []
    for i, g in enumerate(["A", "A", "B", "A", "B"]):
        r = sqs.send_message(QueueUrl=url, MessageBody=f"{g}{i}", MessageGroupId=g, MessageDeduplicationId=f"d{i}")
        check(f"FIFO SequenceNumber {i}", r.get("SequenceNumber", "").isdigit(), r)
        seqs.append(int(r.get("SequenceNumber", "0") or 0))
        sent.append((g, f"{g}{i}", r["MessageId"]))
    check("SequenceNumber grows", seqs == sorted(seqs) and len(set(seqs)) == 5, seqs)
    dup = sqs.send_message(QueueUrl=url, MessageBody="other", MessageGroupId="A", MessageDeduplicationId="d0")
    check("dedup by id answers first copy", dup["MessageId"] == sent[0][2] and int(dup["SequenceNumber"]) == seqs[0], dup)
    b = sqs.send_message_batch(QueueUrl=url, Entries=[
        {"Id": "1", "MessageBody": "C5", "MessageGroupId": "C", "MessageDeduplicationId": "d5"},
        {"Id": "2", "MessageBody": "C6", "MessageGroupId": "C", "MessageDeduplicationId": "d6"},
        {"Id": "3", "MessageBody": "nogroup", "MessageDeduplicationId": "d7"}])
    okb = b.get("Successful", [])
    check("FIFO batch SequenceNumbers", len(okb) == 2 and all(s.get("SequenceNumber") for s in okb), strip(b))
    check("FIFO batch entry without group failed", [(f["Id"], f["Code"]) for f in b.get("Failed", [])] ==
          [("3", "MissingParameter")], b.get("Failed"))

    first = receive(url, n=10, vis=30, ReceiveRequestAttemptId="attempt-1")
    bodies = [m["Body"] for m in first]
    by_group = {}
    for m in first:
        by_group.setdefault(m["Attributes"]["MessageGroupId"], []).append(m["Body"])
    check("FIFO order per group", by_group.get("A") == ["A0", "A1", "A3"] and by_group.get("B") == ["B2", "B4"]
          and by_group.get("C") == ["C5", "C6"], bodies)
    if first:
        fa = first[0]["Attributes"]
        check("FIFO system attributes", {"MessageGroupId", "MessageDeduplicationId", "SequenceNumber"} <= set(fa), fa)
    again = receive(url, n=10, vis=30, ReceiveRequestAttemptId="attempt-1")
    check("ReceiveRequestAttemptId repeats the answer",
          [(m["MessageId"], m["ReceiptHandle"]) for m in again] == [(m["MessageId"], m["ReceiptHandle"]) for m in first],
          (len(first), len(again)))
    check("groups blocked while in flight", receive(url, vis=30) == [])
    # release group A only, delete B and C
    for m in first:
        if m["Attributes"]["MessageGroupId"] != "A":
            sqs.delete_message(QueueUrl=url, ReceiptHandle=m["ReceiptHandle"])
    in_a = [m for m in first if m["Attributes"]["MessageGroupId"] == "A"]
    sqs.change_message_visibility(QueueUrl=url, ReceiptHandle=in_a[0]["ReceiptHandle"], VisibilityTimeout=0)
    check("group stays blocked while another of its messages is in flight", receive(url, vis=30) == [])
    cb = sqs.change_message_visibility_batch(QueueUrl=url, Entries=[
        {"Id": str(i), "ReceiptHandle": m["ReceiptHandle"], "VisibilityTimeout": 0} for i, m in enumerate(in_a[1:])])
    check("FIFO ChangeMessageVisibilityBatch", len(cb.get("Successful", [])) == len(in_a) - 1, strip(cb))
    ra = receive(url, n=1, vis=30)
    check("unblocked group restarts at its head", [m["Body"] for m in ra] == ["A0"], ra)
    stale = [m for m in first if m["Body"] == "A0"][0]["ReceiptHandle"]
    expect_error("FIFO delete with a superseded handle", lambda: sqs.delete_message(QueueUrl=url, ReceiptHandle=stale),
                 "InvalidParameterValue")
    sqs.purge_queue(QueueUrl=url)

    sqs.set_queue_attributes(QueueUrl=url, Attributes={"ContentBasedDeduplication": "true"})
    c1 = sqs.send_message(QueueUrl=url, MessageBody="same", MessageGroupId="g")
    c2 = sqs.send_message(QueueUrl=url, MessageBody="same", MessageGroupId="g")
    check("content-based dedup", c1["MessageId"] == c2["MessageId"], (c1, c2))
    cm = receive(url)
    check("content-based dedup id = sha256", cm and cm[0]["Attributes"].get("MessageDeduplicationId") ==
          hashlib.sha256(b"same").hexdigest(), cm)
    expect_error("FifoThroughputLimit perMessageGroupId needs messageGroup scope", lambda: sqs.set_queue_attributes(
        QueueUrl=url, Attributes={"FifoThroughputLimit": "perMessageGroupId"}), "InvalidAttributeValue")
    sqs.set_queue_attributes(QueueUrl=url, Attributes={"DeduplicationScope": "messageGroup",
                                                         "FifoThroughputLimit": "perMessageGroupId"})
    sqs.purge_queue(QueueUrl=url)
    g1 = sqs.send_message(QueueUrl=url, MessageBody="p", MessageGroupId="g1", MessageDeduplicationId="same-id")
    g2 = sqs.send_message(QueueUrl=url, MessageBody="q", MessageGroupId="g2", MessageDeduplicationId="same-id")
    check("DeduplicationScope messageGroup: same id in two groups kept", g1["MessageId"] != g2["MessageId"], (g1, g2))
    a = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["DeduplicationScope", "FifoThroughputLimit"])["Attributes"]
    check("high throughput FIFO settings", a == {"DeduplicationScope": "messageGroup",
                                                 "FifoThroughputLimit": "perMessageGroupId"}, a)
    expect_error("ContentBasedDeduplication on a standard queue", lambda: create(
        f"{PREFIX}-cbd", ContentBasedDeduplication="true"), "InvalidAttributeName")
    expect_error("FIFO queue as DLQ of a standard queue", lambda: create(
        f"{PREFIX}-mix", RedrivePolicy='{"deadLetterTargetArn":"%s","maxReceiveCount":1}' % arn(name)),
        "InvalidParameterValue")
    sqs.delete_queue(QueueUrl=url)


def main():
    print(f"boto3 {boto3.__version__} botocore {botocore.__version__} protocol {PROTOCOL} endpoint {ENDPOINT}")
    urls = []
    try:
        url = queues()
        urls.append(url)
        messages(url)
        batches(url)
        long_polling(url)
        urls += dead_letters()
        fifo()
    except Exception as e:  # an unexpected failure ends the run but is reported as one
        import traceback
        traceback.print_exc()
        check("no unexpected exception", False, repr(e))
    finally:
        for u in sqs.list_queues(QueueNamePrefix=PREFIX).get("QueueUrls", []):
            try:
                sqs.delete_queue(QueueUrl=u)
            except ClientError:
                pass
    print(f"\n{len(passed)} passed, {len(failed)} failed")
    for f in failed:
        print(f"  failed: {f}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
