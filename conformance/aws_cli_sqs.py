#!/usr/bin/env python3
"""Black-box SQS conformance checks for opencmq with the AWS CLI.

Drives a running server with `aws sqs ...` subprocesses the way a shell user does (shorthand and
JSON arguments, file:// inputs, the CLI's own pagination flags, --query/--output text) and checks
every answer — the JSON on stdout, the exit code and the `An error occurred (Code) when calling
the X operation: ...` line on stderr — against the AWS SQS API reference and the AWS CLI
documentation. AWS CLI v1 (botocore >= 1.31) speaks the JSON 1.0 protocol to SQS; v2 works too
(the script passes --cli-binary-format raw-in-base64-out so both read binary values the same way).
Not part of CI; see conformance/README.md.

Environment: SQS_ENDPOINT (default http://127.0.0.1:18990), AWS_CLI (default `aws`), and the
server's key pair as AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY or OPENCMQ_DATA_DIR (its
credentials.properties). Exit status 0 when every check passed, 1 otherwise.
"""
import base64
import hashlib
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from sqs_common import attributes_md5, credentials, md5, poll

ENDPOINT = os.environ.get("SQS_ENDPOINT", "http://127.0.0.1:18990")
AWS = os.environ.get("AWS_CLI", "aws")
REGION = "us-east-1"
ACCOUNT = "000000000000"
RUN = uuid.uuid4().hex[:6]
PREFIX = f"ccli{RUN}"
TMP = tempfile.mkdtemp(prefix="sqs-cli-")
# AWS CLI return codes (docs: "Command line return codes"): a request the service refused is 254
# in v2; v1 reports client errors with 255 ("command failed"). 252: the CLI refused the syntax.
SERVICE_ERROR_RC = (254, 255)
ERROR_LINE = re.compile(r"An error occurred \(([^)]*)\) when calling the (\w+) operation(?: \(reached max retries: \d+\))?: (.*)")

passed, failed, notes = [], [], []


def check(name, cond, detail=""):
    (passed if cond else failed).append(name)
    if not cond:
        print(f"FAIL {name}: {detail}")
    return cond


def note(text):
    notes.append(text)
    print(f"note: {text}")




def cli_env():
    key, secret = credentials()
    env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
    empty = os.path.join(TMP, "empty-config")
    open(empty, "w").close()
    env.update({
        "AWS_ACCESS_KEY_ID": key, "AWS_SECRET_ACCESS_KEY": secret,
        # a user's ~/.aws files (profiles, cli_pager, retry settings) must not change what we see
        "AWS_CONFIG_FILE": empty, "AWS_SHARED_CREDENTIALS_FILE": empty,
        # no retries: a retried request would hide the first answer we want to judge
        "AWS_MAX_ATTEMPTS": "1", "AWS_RETRY_MODE": "standard", "AWS_PAGER": "",
    })
    return env


ENV = cli_env()
VERSION = subprocess.run([AWS, "--version"], capture_output=True, text=True, env=ENV, timeout=60)
VERSION = (VERSION.stdout + VERSION.stderr).strip()
V2 = VERSION.startswith("aws-cli/2")


class Result:
    def __init__(self, argv, proc, seconds):
        self.argv, self.rc, self.seconds = argv, proc.returncode, seconds
        self.stdout, self.stderr = proc.stdout, proc.stderr
        try:
            self.out = json.loads(proc.stdout) if proc.stdout.strip() else {}
        except ValueError:
            self.out = None
        m = ERROR_LINE.search(proc.stderr)
        self.code, self.op, self.message = (m.group(1), m.group(2), m.group(3).strip()) if m else (None, None, None)

    def __repr__(self):
        cmd = " ".join(shlex.quote(a) for a in self.argv[self.argv.index("sqs"):])
        out = self.stdout.strip()[:600]
        return f"[{cmd}] rc={self.rc} stdout={out!r} stderr={self.stderr.strip()[-400:]!r}"


def aws(*args, output="json", timeout=60):
    argv = [AWS, "--endpoint-url", ENDPOINT, "--region", REGION, "--output", output]
    if V2:
        argv += ["--cli-binary-format", "raw-in-base64-out"]
    argv += ["sqs", *[str(a) for a in args]]
    t = time.time()
    proc = subprocess.run(argv, capture_output=True, text=True, env=ENV, timeout=timeout)
    return Result(argv, proc, time.time() - t)


def ok(name, *args, **kw):
    """Runs a command that must succeed; returns its parsed JSON ({} for no output)."""
    r = aws(*args, **kw)
    if not check(name, r.rc == 0 and r.out is not None, r):
        return {}
    return r.out


def run(*args, **kw):
    """Runs a command whose success is part of a later check; returns its JSON ({} on failure)."""
    r = aws(*args, **kw)
    if r.rc != 0:
        print(f"  (command failed: {r})")
        return {}
    return r.out or {}


def expect_error(name, args, codes, op=None):
    """The CLI must exit with a service-error code and print AWS's query error code (SQS is
    awsQueryCompatible: the JSON answer's x-amzn-query-error header carries it) in its
    `An error occurred (...)` line, with a message."""
    r = aws(*args)
    codes = codes if isinstance(codes, tuple) else (codes,)
    good = check(name, r.rc in SERVICE_ERROR_RC and r.code in codes,
                 f"expected {codes} with exit code 254/255, got code {r.code} {r}")
    if good:
        check(name + " [message]", bool(r.message), r)
        if op:
            check(name + " [operation]", r.op == op, r)
        check(name + " [no stdout]", r.stdout.strip() == "", r)
    return r








def write(name, data):
    path = os.path.join(TMP, name)
    with open(path, "w", encoding="utf-8") as f:
        f.write(data if isinstance(data, str) else json.dumps(data))
    return "file://" + path


def arn(name):
    return f"arn:aws:sqs:{REGION}:{ACCOUNT}:{name}"


def name_of(url):
    return url.rsplit("/", 1)[1]


def receive(url, n=10, wait=0, vis=None, extra=()):
    args = ["receive-message", "--queue-url", url, "--max-number-of-messages", n, "--wait-time-seconds", wait,
            "--attribute-names", "All", "--message-attribute-names", "All", *extra]
    if vis is not None:
        args += ["--visibility-timeout", vis]
    return run(*args).get("Messages", [])


def counts(url):
    a = run("get-queue-attributes", "--queue-url", url, "--attribute-names", "ApproximateNumberOfMessages",
            "ApproximateNumberOfMessagesNotVisible", "ApproximateNumberOfMessagesDelayed").get("Attributes", {})
    return (a.get("ApproximateNumberOfMessages"), a.get("ApproximateNumberOfMessagesNotVisible"),
            a.get("ApproximateNumberOfMessagesDelayed"))


def empty_answer(what, r, key):
    """AWS leaves an empty optional list or map out (an empty receive-message or list-queues
    prints nothing with the CLI, and shell scripts test for that); opencmq does the same."""
    if r.rc != 0:
        check(what, False, r)
        return
    check(what, not r.out or key not in r.out, r)


# ---------------------------------------------------------------- queue lifecycle
def queues():
    name = f"{PREFIX}-std"
    r = ok("create-queue --attributes --tags", "create-queue", "--queue-name", name,
           "--attributes", "VisibilityTimeout=45,DelaySeconds=0", "--tags", "team=conf,env=test")
    url = r.get("QueueUrl", "")
    check("create-queue QueueUrl", url.endswith(f"/{ACCOUNT}/{name}") and list(r) == ["QueueUrl"], r)
    again = ok("create-queue same attributes is idempotent", "create-queue", "--queue-name", name,
               "--attributes", "VisibilityTimeout=45")
    check("create-queue idempotent URL", again.get("QueueUrl") == url, again)
    expect_error("create-queue same name other attributes", ["create-queue", "--queue-name", name,
                 "--attributes", "VisibilityTimeout=99"], "QueueAlreadyExists", "CreateQueue")
    g = ok("get-queue-url", "get-queue-url", "--queue-name", name)
    check("get-queue-url QueueUrl", g == {"QueueUrl": url}, g)
    t = aws("get-queue-url", "--queue-name", name, "--query", "QueueUrl", output="text")
    check("get-queue-url --query QueueUrl --output text", t.rc == 0 and t.stdout.strip() == url, t)
    # CLI docs: a missing queue is AWS.SimpleQueueService.NonExistentQueue (QueueDoesNotExist)
    expect_error("get-queue-url nonexistent", ["get-queue-url", "--queue-name", f"{PREFIX}-nope"],
                 "AWS.SimpleQueueService.NonExistentQueue", "GetQueueUrl")
    expect_error("create-queue invalid name", ["create-queue", "--queue-name", "bad name!"], "InvalidParameterValue")
    expect_error("create-queue name too long", ["create-queue", "--queue-name", "a" * 81], "InvalidParameterValue")
    expect_error("create-queue unknown attribute", ["create-queue", "--queue-name", f"{PREFIX}-x",
                 "--attributes", "Bogus=1"], "InvalidAttributeName")
    expect_error("create-queue bad attribute value", ["create-queue", "--queue-name", f"{PREFIX}-x",
                 "--attributes", "DelaySeconds=901"], "InvalidAttributeValue")

    a = ok("get-queue-attributes All", "get-queue-attributes", "--queue-url", url,
           "--attribute-names", "All").get("Attributes", {})
    expected = {"QueueArn", "ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible",
                "ApproximateNumberOfMessagesDelayed", "CreatedTimestamp", "LastModifiedTimestamp",
                "VisibilityTimeout", "MaximumMessageSize", "MessageRetentionPeriod", "DelaySeconds",
                "ReceiveMessageWaitTimeSeconds", "SqsManagedSseEnabled"}
    check("get-queue-attributes All names", set(a) == expected, f"missing {expected - set(a)}, extra {set(a) - expected}")
    check("attribute values are strings", all(isinstance(v, str) for v in a.values()), a)
    check("QueueArn", a.get("QueueArn") == arn(name), a)
    check("--attributes applied at creation", a.get("VisibilityTimeout") == "45", a)
    check("defaults", (a.get("MessageRetentionPeriod"), a.get("DelaySeconds"), a.get("ReceiveMessageWaitTimeSeconds"))
          == ("345600", "0", "0"), a)
    # AWS raised the maximum (and default) message size from 256 KiB to 1 MiB in 2025
    check("MaximumMessageSize default", a.get("MaximumMessageSize") in ("262144", "1048576"), a)
    check("CreatedTimestamp in epoch seconds", abs(int(a.get("CreatedTimestamp", "0")) - time.time()) < 120, a)
    for n in ("QueueArn", "VisibilityTimeout", "ApproximateNumberOfMessages", "CreatedTimestamp",
              "SqsManagedSseEnabled"):
        one = run("get-queue-attributes", "--queue-url", url, "--attribute-names", n).get("Attributes", {})
        check(f"get-queue-attributes {n} alone", list(one) == [n], one)
    two = run("get-queue-attributes", "--queue-url", url, "--attribute-names", "DelaySeconds",
              "VisibilityTimeout").get("Attributes", {})
    check("get-queue-attributes two names", set(two) == {"DelaySeconds", "VisibilityTimeout"}, two)
    empty_answer("get-queue-attributes without --attribute-names returns no attributes",
                 aws("get-queue-attributes", "--queue-url", url), "Attributes")
    expect_error("get-queue-attributes unknown name", ["get-queue-attributes", "--queue-url", url,
                 "--attribute-names", "Bogus"], "InvalidAttributeName", "GetQueueAttributes")
    expect_error("get-queue-attributes nonexistent queue", ["get-queue-attributes", "--queue-url", url + "-nope",
                 "--attribute-names", "All"], "AWS.SimpleQueueService.NonExistentQueue")

    # set-queue-attributes from a file, as the CLI documentation's example does
    r = aws("set-queue-attributes", "--queue-url", url, "--attributes", write("attrs.json", {
        "VisibilityTimeout": "50", "DelaySeconds": "1", "MaximumMessageSize": "2048",
        "MessageRetentionPeriod": "120", "ReceiveMessageWaitTimeSeconds": "3"}))
    check("set-queue-attributes file:// (no output, exit 0)", r.rc == 0 and r.stdout.strip() == "", r)
    b = run("get-queue-attributes", "--queue-url", url, "--attribute-names", "All").get("Attributes", {})
    check("set-queue-attributes applied", tuple(b.get(k) for k in (
        "VisibilityTimeout", "DelaySeconds", "MaximumMessageSize", "MessageRetentionPeriod",
        "ReceiveMessageWaitTimeSeconds")) == ("50", "1", "2048", "120", "3"), b)
    check("LastModifiedTimestamp >= CreatedTimestamp",
          int(b.get("LastModifiedTimestamp", 0)) >= int(b.get("CreatedTimestamp", 1)), b)
    for attr, bad in [("VisibilityTimeout", "43201"), ("DelaySeconds", "901"), ("MaximumMessageSize", "1023"),
                      ("MessageRetentionPeriod", "59"), ("ReceiveMessageWaitTimeSeconds", "21"),
                      ("VisibilityTimeout", "abc")]:
        expect_error(f"set-queue-attributes {attr}={bad}", ["set-queue-attributes", "--queue-url", url,
                     "--attributes", f"{attr}={bad}"], "InvalidAttributeValue", "SetQueueAttributes")
    expect_error("set-queue-attributes unknown name", ["set-queue-attributes", "--queue-url", url,
                 "--attributes", "Bogus=1"], "InvalidAttributeName")
    expect_error("set-queue-attributes FifoQueue on standard", ["set-queue-attributes", "--queue-url", url,
                 "--attributes", "FifoQueue=true"], "InvalidAttributeName")
    expect_error("set-queue-attributes one bad value among good ones", ["set-queue-attributes", "--queue-url", url,
                 "--attributes", "VisibilityTimeout=10,DelaySeconds=901"], "InvalidAttributeValue")
    vt = run("get-queue-attributes", "--queue-url", url, "--attribute-names", "VisibilityTimeout").get("Attributes", {})
    check("failed set-queue-attributes changed nothing", vt.get("VisibilityTimeout") == "50", vt)
    run("set-queue-attributes", "--queue-url", url, "--attributes",
        "VisibilityTimeout=45,DelaySeconds=0,ReceiveMessageWaitTimeSeconds=0,MaximumMessageSize=262144,"
        "MessageRetentionPeriod=345600")

    # tags
    t = ok("list-queue-tags", "list-queue-tags", "--queue-url", url).get("Tags", {})
    check("create-queue --tags", t == {"team": "conf", "env": "test"}, t)
    r = aws("tag-queue", "--queue-url", url, "--tags", "env=prod,new=x")
    check("tag-queue (no output, exit 0)", r.rc == 0 and r.stdout.strip() == "", r)
    t = run("list-queue-tags", "--queue-url", url).get("Tags", {})
    check("tag-queue overwrites and adds", t == {"team": "conf", "env": "prod", "new": "x"}, t)
    r = aws("untag-queue", "--queue-url", url, "--tag-keys", "team", "absent")
    check("untag-queue (no output, exit 0; an absent key is no error)", r.rc == 0 and r.stdout.strip() == "", r)
    t = run("list-queue-tags", "--queue-url", url).get("Tags", {})
    check("untag-queue removed", t == {"env": "prod", "new": "x"}, t)
    run("untag-queue", "--queue-url", url, "--tag-keys", "env", "new")
    empty_answer("list-queue-tags without tags", aws("list-queue-tags", "--queue-url", url), "Tags")
    expect_error("tag-queue nonexistent queue", ["tag-queue", "--queue-url", url + "-nope", "--tags", "a=b"],
                 "AWS.SimpleQueueService.NonExistentQueue")

    # list-queues: prefix, the API's MaxResults/NextToken, and the CLI's own pagination
    names = [f"{PREFIX}-list-{i:02d}" for i in range(5)]
    for n in names:
        run("create-queue", "--queue-name", n)
    lp = f"{PREFIX}-list-"
    lq = ok("list-queues --queue-name-prefix", "list-queues", "--queue-name-prefix", lp)
    urls = lq.get("QueueUrls", [])
    check("list-queues prefix", sorted(map(name_of, urls)) == names, lq)
    check("list-queues without --max-results has no NextToken", "NextToken" not in lq, lq)
    empty_answer("list-queues prefix is case-sensitive", aws("list-queues", "--queue-name-prefix", f"{PREFIX}-LIST-"),
                 "QueueUrls")
    # --max-results is the API's MaxResults: the CLI then sends it as is and stops paginating itself
    seen, token, pages = [], None, 0
    while pages < 10:
        args = ["list-queues", "--queue-name-prefix", lp, "--max-results", 2]
        if token:
            args += ["--next-token", token]
        page = run(*args)
        pages += 1
        check(f"list-queues --max-results 2 page {pages} size <= 2", len(page.get("QueueUrls", [])) <= 2, page)
        seen += page.get("QueueUrls", [])
        token = page.get("NextToken")
        if not token:
            break
    check("list-queues --max-results/--next-token covers all once",
          sorted(map(name_of, seen)) == names and pages == 3, (pages, seen))
    # --page-size: the CLI sends MaxResults and follows NextToken itself, printing one merged list
    r = aws("list-queues", "--queue-name-prefix", lp, "--page-size", 2)
    check("list-queues --page-size 2 merges all pages", r.rc == 0 and sorted(map(name_of, r.out.get("QueueUrls", [])))
          == names and "NextToken" not in r.out, r)
    # --max-items/--starting-token: the CLI truncates and hands out its own resume token
    first = run("list-queues", "--queue-name-prefix", lp, "--max-items", 2)
    check("list-queues --max-items 2", len(first.get("QueueUrls", [])) == 2 and first.get("NextToken"), first)
    rest = run("list-queues", "--queue-name-prefix", lp, "--starting-token", first.get("NextToken", "x"))
    check("list-queues --starting-token resumes", sorted(map(name_of, first.get("QueueUrls", []) +
                                                             rest.get("QueueUrls", []))) == names, (first, rest))
    seen, token, pages = [], None, 0
    while pages < 10:
        args = ["list-queues", "--queue-name-prefix", lp, "--max-items", 2, "--page-size", 2]
        if token:
            args += ["--starting-token", token]
        page = run(*args)
        pages += 1
        seen += page.get("QueueUrls", [])
        token = page.get("NextToken")
        if not token:
            break
    check("list-queues --max-items 2 --page-size 2 walk", sorted(map(name_of, seen)) == names and pages == 3,
          (pages, seen))
    expect_error("list-queues --max-results 0", ["list-queues", "--max-results", 0], "InvalidParameterValue")
    expect_error("list-queues --max-results 1001", ["list-queues", "--max-results", 1001], "InvalidParameterValue")
    expect_error("list-queues bad --next-token", ["list-queues", "--max-results", 1, "--next-token", "garbage!"],
                 "InvalidParameterValue")
    for n in names:
        r = aws("delete-queue", "--queue-url", f"{ENDPOINT}/{ACCOUNT}/{n}")
        check(f"delete-queue {n[-7:]} (no output, exit 0)", r.rc == 0 and r.stdout.strip() == "", r)
    empty_answer("delete-queue removes", aws("list-queues", "--queue-name-prefix", lp), "QueueUrls")
    expect_error("delete-queue nonexistent", ["delete-queue", "--queue-url", url + "-gone"],
                 "AWS.SimpleQueueService.NonExistentQueue", "DeleteQueue")
    return url


# ---------------------------------------------------------------- messages
# CLI v1 (and v2 with raw-in-base64-out) sends an inline BinaryValue's text as the bytes and prints
# received binary values base64-encoded.
MSG_ATTRS = {
    "s": {"DataType": "String", "StringValue": "héllo wörld ✓"},
    "n": {"DataType": "Number", "StringValue": "-12.5e3"},
    "b": {"DataType": "Binary", "BinaryValue": "raw bytes \u00e9"},
    "custom.s": {"DataType": "String.custom", "StringValue": "x"},
    "f": {"DataType": "Number.float", "StringValue": "3.14"},
    "img": {"DataType": "Binary.gif", "BinaryValue": "GIF89a"},
}
TRACE = "Root=1-5759e988-bd862e3fe1be46a994272793"


def decoded(attrs):
    out = {}
    for k, a in (attrs or {}).items():
        a = {f: v for f, v in a.items() if f not in ("StringListValues", "BinaryListValues")}
        if "BinaryValue" in a:
            a["BinaryValue"] = base64.b64decode(a["BinaryValue"]).decode("utf-8", "replace")
        out[k] = a
    return out


def messages(url):
    body = "body ✓ \U0001F600 <&> \"quoted\""
    r = ok("send-message --message-attributes String/Number/Binary", "send-message", "--queue-url", url,
           "--message-body", body, "--message-attributes", json.dumps(MSG_ATTRS),
           "--message-system-attributes", json.dumps({"AWSTraceHeader": {"DataType": "String", "StringValue": TRACE}}))
    check("send-message MessageId", bool(r.get("MessageId")), r)
    check("send-message MD5OfMessageBody", r.get("MD5OfMessageBody") == md5(body.encode()), r)
    check("send-message MD5OfMessageAttributes", r.get("MD5OfMessageAttributes") == attributes_md5(MSG_ATTRS), r)
    check("send-message MD5OfMessageSystemAttributes", r.get("MD5OfMessageSystemAttributes") == attributes_md5(
        {"AWSTraceHeader": {"DataType": "String", "StringValue": TRACE}}), r)
    check("send-message no SequenceNumber on standard", "SequenceNumber" not in r, r)
    plain = ok("send-message plain", "send-message", "--queue-url", url, "--message-body", "plain")
    check("send-message without attributes: only MessageId and MD5OfMessageBody",
          set(plain) == {"MessageId", "MD5OfMessageBody"}, plain)
    # shorthand message attributes, as in the CLI reference
    sh = ok("send-message shorthand --message-attributes", "send-message", "--queue-url", url, "--message-body", "sh",
            "--message-attributes", "k={DataType=String,StringValue=v}")
    check("shorthand attribute MD5", sh.get("MD5OfMessageAttributes") == attributes_md5(
        {"k": {"DataType": "String", "StringValue": "v"}}), sh)

    t0 = time.time()
    ms = receive(url, n=10, vis=30)
    check("receive-message --max-number-of-messages 10 gets 3", len(ms) == 3, ms)
    m = next((x for x in ms if x.get("MessageId") == r.get("MessageId")), None)
    if not check("receive-message returns the sent message", m is not None, ms):
        return
    check("Body", m.get("Body") == body, m)
    check("MD5OfBody is the MD5 of the body", m.get("MD5OfBody") == md5(m.get("Body", "").encode()), m)
    check("ReceiptHandle", bool(m.get("ReceiptHandle")), m)
    check("MessageAttributes round trip (Binary base64 in output)", decoded(m.get("MessageAttributes")) == MSG_ATTRS,
          m.get("MessageAttributes"))
    check("receive MD5OfMessageAttributes", m.get("MD5OfMessageAttributes") == attributes_md5(MSG_ATTRS), m)
    sa = m.get("Attributes", {})
    check("SenderId", bool(sa.get("SenderId")), sa)
    check("SentTimestamp in ms", abs(int(sa.get("SentTimestamp", 0)) / 1000 - t0) < 60, sa)
    check("ApproximateReceiveCount 1", sa.get("ApproximateReceiveCount") == "1", sa)
    check("ApproximateFirstReceiveTimestamp in ms",
          abs(int(sa.get("ApproximateFirstReceiveTimestamp", 0)) / 1000 - time.time()) < 60, sa)
    check("AWSTraceHeader", sa.get("AWSTraceHeader") == TRACE, sa)
    check("no FIFO attributes on standard", not ({"SequenceNumber", "MessageDeduplicationId"} & set(sa)), sa)
    pm = next((x for x in ms if x.get("MessageId") == plain.get("MessageId")), {})
    check("message without attributes: no MD5OfMessageAttributes", pm and "MD5OfMessageAttributes" not in pm, pm)

    # selection by name and prefix.*
    run("change-message-visibility", "--queue-url", url, "--receipt-handle", m["ReceiptHandle"],
        "--visibility-timeout", 0)
    sel = poll(lambda: [x for x in run("receive-message", "--queue-url", url, "--max-number-of-messages", 10,
                                       "--attribute-names", "ApproximateReceiveCount",
                                       "--message-attribute-names", "s", "custom.*").get("Messages", [])
                        if x["MessageId"] == r["MessageId"]], 5)
    if check("received again after change-message-visibility 0", bool(sel), sel):
        sel = sel[0]
        got = set(sel.get("MessageAttributes", {}))
        check("--message-attribute-names names + prefix.*", got == {"s", "custom.s"}, got)
        check("MD5OfMessageAttributes covers the selection",
              sel.get("MD5OfMessageAttributes") == attributes_md5({k: MSG_ATTRS[k] for k in got}), sel)
        check("--attribute-names one name", sel.get("Attributes") == {"ApproximateReceiveCount": "2"}, sel)
        run("change-message-visibility", "--queue-url", url, "--receipt-handle", sel["ReceiptHandle"],
            "--visibility-timeout", 0)
        only = poll(lambda: [x for x in run("receive-message", "--queue-url", url, "--max-number-of-messages", 10,
                                            "--message-system-attribute-names", "SenderId", "SentTimestamp"
                                            ).get("Messages", []) if x["MessageId"] == r["MessageId"]], 5)
        if check("received with --message-system-attribute-names", bool(only), only):
            only = only[0]
            check("--message-system-attribute-names selects", set(only.get("Attributes", {})) ==
                  {"SenderId", "SentTimestamp"}, only)
            check("no --message-attribute-names: no MessageAttributes", not only.get("MessageAttributes"), only)
            m = only
    c = counts(url)
    check("counts while in flight", c[:2] == ("0", "3"), c)
    check("in-flight messages are not received", receive(url) == [])
    for x in [m] + [y for y in ms if y["MessageId"] != r["MessageId"]]:
        d = aws("delete-message", "--queue-url", url, "--receipt-handle", x["ReceiptHandle"])
        check("delete-message (no output, exit 0)", d.rc == 0 and d.stdout.strip() == "", d)
    d = aws("delete-message", "--queue-url", url, "--receipt-handle", pm.get("ReceiptHandle", "x"))
    check("delete-message twice with the same handle succeeds", d.rc == 0, d)
    check("counts after delete", counts(url) == ("0", "0", "0"), counts(url))

    # errors
    expect_error("delete-message bad receipt handle", ["delete-message", "--queue-url", url,
                 "--receipt-handle", "garbage"], "ReceiptHandleIsInvalid", "DeleteMessage")
    expect_error("change-message-visibility bad receipt handle", ["change-message-visibility", "--queue-url", url,
                 "--receipt-handle", "garbage", "--visibility-timeout", 5], "ReceiptHandleIsInvalid")
    nope = f"{ENDPOINT}/{ACCOUNT}/{PREFIX}-nope"
    expect_error("send-message nonexistent queue", ["send-message", "--queue-url", nope, "--message-body", "x"],
                 "AWS.SimpleQueueService.NonExistentQueue", "SendMessage")
    expect_error("receive-message nonexistent queue", ["receive-message", "--queue-url", nope],
                 "AWS.SimpleQueueService.NonExistentQueue", "ReceiveMessage")
    expect_error("purge-queue nonexistent queue", ["purge-queue", "--queue-url", nope],
                 "AWS.SimpleQueueService.NonExistentQueue", "PurgeQueue")
    expect_error("send-message empty body", ["send-message", "--queue-url", url, "--message-body", ""],
                 ("MissingParameter", "InvalidParameterValue"))
    expect_error("send-message invalid character", ["send-message", "--queue-url", url, "--message-body", "a\x01b"],
                 "InvalidMessageContents")
    expect_error("send-message --delay-seconds 901", ["send-message", "--queue-url", url, "--message-body", "x",
                 "--delay-seconds", 901], "InvalidParameterValue")
    # the queue's MaximumMessageSize is 262144 again; a body from a file (too long for argv)
    expect_error("send-message body over MaximumMessageSize (file://)", ["send-message", "--queue-url", url,
                 "--message-body", write("big.txt", "x" * 262145)], "InvalidParameterValue")
    big = run("send-message", "--queue-url", url, "--message-body", write("max.txt", "y" * 262144))
    check("send-message body of exactly MaximumMessageSize (file://)", big.get("MD5OfMessageBody") ==
          md5(b"y" * 262144), big)
    run("purge-queue", "--queue-url", url)
    for label, attrs in [("without value", {"a": {"DataType": "String"}}),
                         ("bad type", {"a": {"DataType": "Text", "StringValue": "v"}}),
                         ("Number not a number", {"a": {"DataType": "Number", "StringValue": "abc"}}),
                         ("reserved name", {"AWS.x": {"DataType": "String", "StringValue": "v"}}),
                         ("11 attributes", {f"a{i}": {"DataType": "String", "StringValue": "v"} for i in range(11)})]:
        expect_error(f"send-message attribute {label}", ["send-message", "--queue-url", url, "--message-body", "x",
                     "--message-attributes", json.dumps(attrs)], "InvalidParameterValue")
    expect_error("send-message --message-deduplication-id on standard", ["send-message", "--queue-url", url,
                 "--message-body", "x", "--message-deduplication-id", "d"], "InvalidParameterValue")
    for flag, bad in [("--max-number-of-messages", 11), ("--max-number-of-messages", 0), ("--wait-time-seconds", 21),
                      ("--visibility-timeout", 43201)]:
        expect_error(f"receive-message {flag} {bad}", ["receive-message", "--queue-url", url, flag, bad],
                     "InvalidParameterValue", "ReceiveMessage")


# ---------------------------------------------------------------- batches
def batches(url):
    entries = [{"Id": f"e{i}", "MessageBody": f"m{i}", "MessageAttributes": {
        "i": {"DataType": "Number", "StringValue": str(i)}}} for i in range(9)]
    entries.append({"Id": "bad", "MessageBody": "x\x01y"})
    r = aws("send-message-batch", "--queue-url", url, "--entries", write("send.json", entries))
    # a partial failure is an HTTP 200: the CLI exits 0 and prints both lists
    check("send-message-batch partial failure exits 0", r.rc == 0, r)
    out = r.out or {}
    good = {s["Id"]: s for s in out.get("Successful", [])}
    bad = {f["Id"]: f for f in out.get("Failed", [])}
    check("send-message-batch 9 Successful", set(good) == {f"e{i}" for i in range(9)}, out)
    check("send-message-batch bad entry Failed", set(bad) == {"bad"}, out)
    if "bad" in bad:
        check("Failed entry SenderFault/Code/Message", bad["bad"].get("SenderFault") is True and
              bad["bad"].get("Code") == "InvalidMessageContents" and bool(bad["bad"].get("Message")), bad["bad"])
    check("batch MD5s", all(good.get(f"e{i}", {}).get("MD5OfMessageBody") == md5(f"m{i}".encode()) and
                            good.get(f"e{i}", {}).get("MD5OfMessageAttributes") == attributes_md5(
                                {"i": {"DataType": "Number", "StringValue": str(i)}}) for i in range(9)), good)
    sh = ok("send-message-batch shorthand entries", "send-message-batch", "--queue-url", url, "--entries",
            "Id=s1,MessageBody=short1", "Id=s2,MessageBody=short2,DelaySeconds=0")
    check("shorthand batch: 2 Successful, Failed empty", sorted(s["Id"] for s in sh.get("Successful", [])) ==
          ["s1", "s2"] and not sh.get("Failed"), sh)
    got, rounds = [], 0
    while len(got) < 11 and rounds < 10:
        got += receive(url, n=10)
        rounds += 1
    check("receive the 11 batch messages", len(got) == 11, len(got))
    for m in got:
        check(f"MD5OfBody {m['Body']}", m.get("MD5OfBody") == md5(m["Body"].encode()), m)
    d = aws("delete-message-batch", "--queue-url", url, "--entries", write("del.json", [
        {"Id": f"d{i}", "ReceiptHandle": m["ReceiptHandle"]} for i, m in enumerate(got[:10])] +
        [{"Id": "dbad", "ReceiptHandle": "not-a-handle"}][:1]))
    check("delete-message-batch 11 entries refused", d.rc in SERVICE_ERROR_RC and
          d.code == "AWS.SimpleQueueService.TooManyEntriesInBatchRequest", d)
    d = aws("delete-message-batch", "--queue-url", url, "--entries", write("del.json", [
        {"Id": f"d{i}", "ReceiptHandle": m["ReceiptHandle"]} for i, m in enumerate(got[:9])] +
        [{"Id": "dbad", "ReceiptHandle": "not-a-handle"}]))
    out = d.out or {}
    check("delete-message-batch partial failure exits 0", d.rc == 0, d)
    check("delete-message-batch Successful", {s["Id"] for s in out.get("Successful", [])} ==
          {f"d{i}" for i in range(9)}, out)
    check("delete-message-batch Failed bad handle", [(f["Id"], f["Code"], f["SenderFault"]) for f in
                                                     out.get("Failed", [])] == [("dbad", "ReceiptHandleIsInvalid", True)],
          out)
    rest = got[9:]
    c = aws("change-message-visibility-batch", "--queue-url", url, "--entries", write("vis.json", [
        {"Id": f"c{i}", "ReceiptHandle": m["ReceiptHandle"], "VisibilityTimeout": 0} for i, m in enumerate(rest)] +
        [{"Id": "cbad", "ReceiptHandle": "not-a-handle", "VisibilityTimeout": 0}]))
    out = c.out or {}
    check("change-message-visibility-batch partial failure exits 0", c.rc == 0, c)
    check("change-message-visibility-batch Successful", sorted(s["Id"] for s in out.get("Successful", [])) ==
          [f"c{i}" for i in range(len(rest))], out)
    check("change-message-visibility-batch Failed", [(x["Id"], x["Code"], x["SenderFault"]) for x in
                                                     out.get("Failed", [])] == [("cbad", "ReceiptHandleIsInvalid", True)],
          out)
    again = poll(lambda: receive(url), 3)
    check("visibility 0 makes them receivable", sorted(x["MessageId"] for x in again) ==
          sorted(x["MessageId"] for x in rest), again)
    if again:
        run("delete-message-batch", "--queue-url", url, "--entries", write("del2.json", [
            {"Id": f"d{i}", "ReceiptHandle": m["ReceiptHandle"]} for i, m in enumerate(again)]))
        expect_error("change-message-visibility after delete", ["change-message-visibility", "--queue-url", url,
                     "--receipt-handle", again[0]["ReceiptHandle"], "--visibility-timeout", 10],
                     "AWS.SimpleQueueService.MessageNotInflight", "ChangeMessageVisibility")
    many = write("many.json", [{"Id": f"x{i}", "MessageBody": "x"} for i in range(11)])
    expect_error("send-message-batch 11 entries", ["send-message-batch", "--queue-url", url, "--entries", many],
                 "AWS.SimpleQueueService.TooManyEntriesInBatchRequest", "SendMessageBatch")
    expect_error("change-message-visibility-batch 11 entries", ["change-message-visibility-batch", "--queue-url", url,
                 "--entries", write("many-vis.json", [{"Id": f"x{i}", "ReceiptHandle": "h", "VisibilityTimeout": 1}
                                                      for i in range(11)])],
                 "AWS.SimpleQueueService.TooManyEntriesInBatchRequest")
    expect_error("send-message-batch empty --entries []", ["send-message-batch", "--queue-url", url, "--entries", "[]"],
                 "AWS.SimpleQueueService.EmptyBatchRequest")
    expect_error("send-message-batch duplicate ids", ["send-message-batch", "--queue-url", url, "--entries",
                 "Id=a,MessageBody=1", "Id=a,MessageBody=2"], "AWS.SimpleQueueService.BatchEntryIdsNotDistinct")
    expect_error("send-message-batch invalid id", ["send-message-batch", "--queue-url", url, "--entries",
                 json.dumps([{"Id": "bad id!", "MessageBody": "1"}])], "AWS.SimpleQueueService.InvalidBatchEntryId")
    expect_error("send-message-batch over 1 MiB in total", ["send-message-batch", "--queue-url", url, "--entries",
                 write("huge.json", [{"Id": f"l{i}", "MessageBody": "x" * 220_000} for i in range(5)])],
                 "AWS.SimpleQueueService.BatchRequestTooLong")
    expect_error("delete-message-batch nonexistent queue", ["delete-message-batch", "--queue-url", url + "-nope",
                 "--entries", "Id=a,ReceiptHandle=h"], "AWS.SimpleQueueService.NonExistentQueue")
    r = aws("purge-queue", "--queue-url", url)
    check("purge-queue (no output, exit 0)", r.rc == 0 and r.stdout.strip() == "", r)


# ---------------------------------------------------------------- long polling, delay, visibility
def long_polling(url):
    r = aws("receive-message", "--queue-url", url, "--wait-time-seconds", 2)
    check("--wait-time-seconds 2 on an empty queue waits ~2 s", r.rc == 0 and 1.8 <= r.seconds < 6, (r.seconds, r))
    empty_answer("empty receive-message has no messages", r, "Messages")
    run("set-queue-attributes", "--queue-url", url, "--attributes", "ReceiveMessageWaitTimeSeconds=1")
    r = aws("receive-message", "--queue-url", url)
    check("queue ReceiveMessageWaitTimeSeconds applies", r.rc == 0 and 0.8 <= r.seconds < 5, r.seconds)
    run("set-queue-attributes", "--queue-url", url, "--attributes", "ReceiveMessageWaitTimeSeconds=0")

    # a send wakes a parked receive: the receiver is a second CLI process
    argv = [AWS, "--endpoint-url", ENDPOINT, "--region", REGION, "--output", "json", "sqs", "receive-message",
            "--queue-url", url, "--wait-time-seconds", "15"]
    t0 = time.time()
    proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=ENV)
    time.sleep(2.5)  # CLI start-up, then parked
    run("send-message", "--queue-url", url, "--message-body", "wake")
    try:
        out, err = proc.communicate(timeout=25)
    except subprocess.TimeoutExpired:
        proc.kill()
        out, err = proc.communicate()
    dt = time.time() - t0
    woken = (json.loads(out) if out.strip() else {}).get("Messages", []) if proc.returncode == 0 else []
    check("send wakes a parked --wait-time-seconds 15 receive", [m["Body"] for m in woken] == ["wake"] and dt < 12,
          (dt, out, err))
    for m in woken:
        run("delete-message", "--queue-url", url, "--receipt-handle", m["ReceiptHandle"])

    # --delay-seconds
    run("send-message", "--queue-url", url, "--message-body", "late", "--delay-seconds", 3)
    check("ApproximateNumberOfMessagesDelayed", counts(url)[2] == "1", counts(url))
    check("delayed message hidden", receive(url) == [])
    later = poll(lambda: receive(url), 8, 0.5)
    check("delayed message arrives", [m["Body"] for m in later] == ["late"], later)
    for m in later:
        run("delete-message", "--queue-url", url, "--receipt-handle", m["ReceiptHandle"])

    # --visibility-timeout on receive, expiry, change-message-visibility
    run("send-message", "--queue-url", url, "--message-body", "vis")
    first = receive(url, vis=1)
    again = poll(lambda: receive(url), 6, 0.3)
    check("message back after --visibility-timeout 1", len(first) == 1 and len(again) == 1 and
          again[0]["Attributes"]["ApproximateReceiveCount"] == "2", (first, again))
    if again:
        expect_error("change-message-visibility 43201", ["change-message-visibility", "--queue-url", url,
                     "--receipt-handle", again[0]["ReceiptHandle"], "--visibility-timeout", 43201],
                     "InvalidParameterValue")
        r = aws("change-message-visibility", "--queue-url", url, "--receipt-handle", again[0]["ReceiptHandle"],
                "--visibility-timeout", 60)
        check("change-message-visibility (no output, exit 0)", r.rc == 0 and r.stdout.strip() == "", r)
        check("extended message stays hidden", receive(url) == [])
        if first:
            expect_error("change-message-visibility with a superseded handle", ["change-message-visibility",
                         "--queue-url", url, "--receipt-handle", first[0]["ReceiptHandle"], "--visibility-timeout", 0],
                         "AWS.SimpleQueueService.MessageNotInflight")
    run("send-message", "--queue-url", url, "--message-body", "d", "--delay-seconds", 30)
    run("send-message", "--queue-url", url, "--message-body", "v")
    run("purge-queue", "--queue-url", url)
    check("purge-queue empties visible, in-flight and delayed", counts(url) == ("0", "0", "0"), counts(url))


# ---------------------------------------------------------------- dead letters and move tasks
def dead_letters():
    dlq_name, src_name = f"{PREFIX}-dlq", f"{PREFIX}-src"
    dlq = run("create-queue", "--queue-name", dlq_name).get("QueueUrl", "")
    policy = json.dumps({"deadLetterTargetArn": arn(dlq_name), "maxReceiveCount": "1"})
    src = ok("create-queue with RedrivePolicy JSON string", "create-queue", "--queue-name", src_name,
             "--attributes", json.dumps({"RedrivePolicy": policy})).get("QueueUrl", "")
    rp = run("get-queue-attributes", "--queue-url", src, "--attribute-names", "RedrivePolicy").get("Attributes", {})
    try:
        rpj = json.loads(rp.get("RedrivePolicy", ""))
    except ValueError:
        rpj = {}
    check("RedrivePolicy read back as a JSON string", rpj.get("deadLetterTargetArn") == arn(dlq_name) and
          str(rpj.get("maxReceiveCount")) == "1", rp)
    ls = ok("list-dead-letter-source-queues", "list-dead-letter-source-queues", "--queue-url", dlq)
    check("list-dead-letter-source-queues queueUrls", [name_of(u) for u in ls.get("queueUrls", [])] == [src_name], ls)
    lp = run("list-dead-letter-source-queues", "--queue-url", dlq, "--max-results", 1)
    check("list-dead-letter-source-queues --max-results 1", len(lp.get("queueUrls", [])) == 1 and
          "NextToken" not in lp, lp)
    # queueUrls is a required member of the answer (API reference): present even when empty
    r = aws("list-dead-letter-source-queues", "--queue-url", src)
    check("list-dead-letter-source-queues of a queue that is no DLQ", r.rc == 0 and r.out == {"queueUrls": []}, r)
    expect_error("list-dead-letter-source-queues nonexistent", ["list-dead-letter-source-queues", "--queue-url",
                 dlq + "-nope"], "AWS.SimpleQueueService.NonExistentQueue", "ListDeadLetterSourceQueues")
    expect_error("RedrivePolicy to a missing queue", ["set-queue-attributes", "--queue-url", src, "--attributes",
                 json.dumps({"RedrivePolicy": json.dumps({"deadLetterTargetArn": arn(f"{PREFIX}-missing"),
                                                          "maxReceiveCount": 1})})], "InvalidParameterValue")
    expect_error("RedrivePolicy maxReceiveCount 0", ["set-queue-attributes", "--queue-url", src, "--attributes",
                 json.dumps({"RedrivePolicy": json.dumps({"deadLetterTargetArn": arn(dlq_name),
                                                          "maxReceiveCount": 0})})], "InvalidParameterValue")
    expect_error("RedrivePolicy not JSON", ["set-queue-attributes", "--queue-url", src, "--attributes",
                 json.dumps({"RedrivePolicy": "{not json"})], ("InvalidAttributeValue", "InvalidParameterValue"))

    ids = [run("send-message", "--queue-url", src, "--message-body", f"dead{i}").get("MessageId") for i in range(3)]
    got = []
    for _ in range(5):
        got += receive(src, vis=1)
        if len(got) >= 3:
            break
    check("received 3 from the source", len(got) == 3, len(got))
    time.sleep(1.5)

    def moved():
        receive(src)  # AWS moves on the next receive; opencmq when the lock expires
        return counts(dlq)[0] == "3"
    check("messages moved to the DLQ after maxReceiveCount", poll(moved, 12, 0.5), counts(dlq))
    dm = receive(dlq, vis=0)
    check("dead letters keep MessageId and body", sorted((m["MessageId"], m["Body"]) for m in dm) ==
          sorted(zip(ids, ["dead0", "dead1", "dead2"])), dm)
    check("DeadLetterQueueSourceArn", bool(dm) and all(m["Attributes"].get("DeadLetterQueueSourceArn") ==
                                                       arn(src_name) for m in dm), dm)

    expect_error("start-message-move-task source that is no DLQ", ["start-message-move-task", "--source-arn",
                 arn(src_name)], "InvalidParameterValue", "StartMessageMoveTask")
    # deliberate difference 11 (docs/sqs-api-support.md): a missing source is ResourceNotFoundException
    expect_error("start-message-move-task missing source", ["start-message-move-task", "--source-arn",
                 arn(f"{PREFIX}-missing")], "ResourceNotFoundException")
    expect_error("start-message-move-task rate 501", ["start-message-move-task", "--source-arn", arn(dlq_name),
                 "--max-number-of-messages-per-second", 501], "InvalidParameterValue")
    t = ok("start-message-move-task", "start-message-move-task", "--source-arn", arn(dlq_name))
    handle = t.get("TaskHandle")
    check("start-message-move-task TaskHandle only", bool(handle) and list(t) == ["TaskHandle"], t)

    def done():
        rs = run("list-message-move-tasks", "--source-arn", arn(dlq_name)).get("Results", [])
        return rs if rs and rs[0].get("Status") == "COMPLETED" else None
    rs = poll(done, 12, 0.3)
    check("list-message-move-tasks COMPLETED", bool(rs), rs)
    if rs:
        e = rs[0]
        check("list-message-move-tasks fields", e.get("SourceArn") == arn(dlq_name) and
              e.get("ApproximateNumberOfMessagesMoved") == 3 and e.get("ApproximateNumberOfMessagesToMove") == 3 and
              isinstance(e.get("StartedTimestamp"), int) and "TaskHandle" not in e and "DestinationArn" not in e, e)
        check("StartedTimestamp in ms", abs(e.get("StartedTimestamp", 0) / 1000 - time.time()) < 120, e)
    back = []
    for _ in range(5):
        back += receive(src)
        if len(back) >= 3:
            break
    check("redriven messages back in the source", sorted(m["Body"] for m in back) == ["dead0", "dead1", "dead2"], back)
    for m in back:
        run("delete-message", "--queue-url", src, "--receipt-handle", m["ReceiptHandle"])
    expect_error("cancel-message-move-task of a finished task", ["cancel-message-move-task", "--task-handle", handle or "x"],
                 ("InvalidParameterValue", "ResourceNotFoundException"), "CancelMessageMoveTask")
    expect_error("cancel-message-move-task unknown handle", ["cancel-message-move-task", "--task-handle", "nope"],
                 "ResourceNotFoundException")
    # a throttled task to another queue, cancelled while it runs
    run("send-message-batch", "--queue-url", dlq, "--entries", write("slow.json", [
        {"Id": f"s{i}", "MessageBody": f"slow{i}"} for i in range(6)]))
    run("create-queue", "--queue-name", f"{PREFIX}-dest")
    t = ok("start-message-move-task --destination-arn --max-number-of-messages-per-second 1",
           "start-message-move-task", "--source-arn", arn(dlq_name), "--destination-arn", arn(f"{PREFIX}-dest"),
           "--max-number-of-messages-per-second", 1)
    rs = run("list-message-move-tasks", "--source-arn", arn(dlq_name), "--max-results", 10).get("Results", [])
    check("list-message-move-tasks newest first, RUNNING with TaskHandle", len(rs) == 2 and
          rs[0].get("Status") == "RUNNING" and rs[0].get("TaskHandle") == t.get("TaskHandle") and
          rs[0].get("DestinationArn") == arn(f"{PREFIX}-dest") and rs[0].get("MaxNumberOfMessagesPerSecond") == 1 and
          rs[1].get("Status") == "COMPLETED", rs)
    one = run("list-message-move-tasks", "--source-arn", arn(dlq_name), "--max-results", 1).get("Results", [])
    check("list-message-move-tasks --max-results 1", len(one) == 1, one)
    expect_error("second start-message-move-task while one runs", ["start-message-move-task", "--source-arn",
                 arn(dlq_name)], "InvalidParameterValue")
    c = ok("cancel-message-move-task", "cancel-message-move-task", "--task-handle", t.get("TaskHandle", "x"))
    moved_n = c.get("ApproximateNumberOfMessagesMoved")
    check("cancel-message-move-task ApproximateNumberOfMessagesMoved", isinstance(moved_n, int) and 0 <= moved_n < 6, c)
    st = poll(lambda: [x for x in run("list-message-move-tasks", "--source-arn", arn(dlq_name)).get("Results", [])
                       if x.get("Status") == "CANCELLED"], 6, 0.3)
    check("task CANCELLED", bool(st), st)
    expect_error("list-message-move-tasks --max-results 11", ["list-message-move-tasks", "--source-arn", arn(dlq_name),
                 "--max-results", 11], "InvalidParameterValue")
    r = aws("set-queue-attributes", "--queue-url", src, "--attributes", json.dumps({"RedrivePolicy": ""}))
    check("RedrivePolicy \"\" removes the policy", r.rc == 0, r)
    a = run("get-queue-attributes", "--queue-url", src, "--attribute-names", "All").get("Attributes", {})
    check("RedrivePolicy gone", "RedrivePolicy" not in a, a)
    # Removing a policy that is not there: no error is documented, so it is a no-op.
    r = aws("set-queue-attributes", "--queue-url", src, "--attributes", json.dumps({"RedrivePolicy": ""}))
    check("RedrivePolicy \"\" without a policy is a no-op", r.rc == 0, r)

    # RedriveAllowPolicy on the dead-letter queue is checked when a source names it
    run("set-queue-attributes", "--queue-url", dlq, "--attributes",
        json.dumps({"RedriveAllowPolicy": json.dumps({"redrivePermission": "denyAll"})}))
    expect_error("RedriveAllowPolicy denyAll refuses a new source", ["create-queue", "--queue-name", f"{PREFIX}-src2",
                 "--attributes", json.dumps({"RedrivePolicy": policy})], "InvalidParameterValue")
    run("set-queue-attributes", "--queue-url", dlq, "--attributes",
        json.dumps({"RedriveAllowPolicy": json.dumps({"redrivePermission": "byQueue", "sourceQueueArns": [
            arn(src_name)]})}))
    r = aws("set-queue-attributes", "--queue-url", src, "--attributes", json.dumps({"RedrivePolicy": policy}))
    check("RedriveAllowPolicy byQueue admits the listed source", r.rc == 0, r)
    ra = run("get-queue-attributes", "--queue-url", dlq, "--attribute-names", "RedriveAllowPolicy").get("Attributes", {})
    try:
        raj = json.loads(ra.get("RedriveAllowPolicy", ""))
    except ValueError:
        raj = {}
    check("RedriveAllowPolicy read back", raj.get("redrivePermission") == "byQueue" and
          raj.get("sourceQueueArns") == [arn(src_name)], ra)


# ---------------------------------------------------------------- FIFO
def fifo():
    expect_error("FIFO name without FifoQueue", ["create-queue", "--queue-name", f"{PREFIX}-x.fifo"],
                 "InvalidParameterValue")
    expect_error("FifoQueue=true without .fifo name", ["create-queue", "--queue-name", f"{PREFIX}-x",
                 "--attributes", "FifoQueue=true"], "InvalidParameterValue")
    name = f"{PREFIX}-q.fifo"
    url = ok("create-queue FIFO", "create-queue", "--queue-name", name, "--attributes",
             "FifoQueue=true,ContentBasedDeduplication=false").get("QueueUrl", "")
    check("FIFO QueueUrl", url.endswith(f"/{ACCOUNT}/{name}"), url)
    a = run("get-queue-attributes", "--queue-url", url, "--attribute-names", "All").get("Attributes", {})
    check("FIFO attributes", a.get("FifoQueue") == "true" and a.get("ContentBasedDeduplication") == "false" and
          a.get("DeduplicationScope") == "queue" and a.get("FifoThroughputLimit") == "perQueue", a)
    expect_error("FIFO send without --message-group-id", ["send-message", "--queue-url", url, "--message-body", "x",
                 "--message-deduplication-id", "d"], "MissingParameter", "SendMessage")
    expect_error("FIFO send without dedup id (no content-based dedup)", ["send-message", "--queue-url", url,
                 "--message-body", "x", "--message-group-id", "g"], "InvalidParameterValue")
    # deliberate difference 3: --delay-seconds 0 is accepted on FIFO, any other value refused (as AWS)
    expect_error("FIFO --delay-seconds 5", ["send-message", "--queue-url", url, "--message-body", "x",
                 "--message-group-id", "g", "--message-deduplication-id", "dd", "--delay-seconds", 5],
                 "InvalidParameterValue")
    seqs, sent = [], []
    for i, g in enumerate(["A", "A", "B", "A", "B"]):
        r = run("send-message", "--queue-url", url, "--message-body", f"{g}{i}", "--message-group-id", g,
                "--message-deduplication-id", f"d{i}")
        check(f"FIFO SequenceNumber {i}", str(r.get("SequenceNumber", "")).isdigit(), r)
        seqs.append(int(r.get("SequenceNumber") or 0))
        sent.append(r.get("MessageId"))
    check("SequenceNumber grows", seqs == sorted(seqs) and len(set(seqs)) == 5, seqs)
    dup = run("send-message", "--queue-url", url, "--message-body", "other", "--message-group-id", "A",
              "--message-deduplication-id", "d0")
    check("dedup by id answers the first copy", dup.get("MessageId") == sent[0] and
          int(dup.get("SequenceNumber") or 0) == seqs[0], dup)
    b = aws("send-message-batch", "--queue-url", url, "--entries", write("fifo.json", [
        {"Id": "1", "MessageBody": "C5", "MessageGroupId": "C", "MessageDeduplicationId": "d5"},
        {"Id": "2", "MessageBody": "C6", "MessageGroupId": "C", "MessageDeduplicationId": "d6"},
        {"Id": "3", "MessageBody": "nogroup", "MessageDeduplicationId": "d7"}]))
    out = b.out or {}
    check("FIFO batch SequenceNumbers", b.rc == 0 and len(out.get("Successful", [])) == 2 and
          all(s.get("SequenceNumber") for s in out.get("Successful", [])), b)
    check("FIFO batch entry without group failed", [(f["Id"], f["Code"]) for f in out.get("Failed", [])] ==
          [("3", "MissingParameter")], out)

    attempt = ["--receive-request-attempt-id", "attempt-1"]
    first = receive(url, n=10, vis=30, extra=attempt)
    by_group = {}
    for m in first:
        by_group.setdefault(m["Attributes"].get("MessageGroupId"), []).append(m["Body"])
    check("FIFO order per group", by_group == {"A": ["A0", "A1", "A3"], "B": ["B2", "B4"], "C": ["C5", "C6"]},
          [m["Body"] for m in first])
    if first:
        check("FIFO system attributes", {"MessageGroupId", "MessageDeduplicationId", "SequenceNumber"} <=
              set(first[0]["Attributes"]), first[0]["Attributes"])
    again = receive(url, n=10, vis=30, extra=attempt)
    check("--receive-request-attempt-id repeats the answer", [(m["MessageId"], m["ReceiptHandle"]) for m in again] ==
          [(m["MessageId"], m["ReceiptHandle"]) for m in first], (len(first), len(again)))
    check("groups blocked while in flight", receive(url, vis=30) == [])
    others = [m for m in first if m["Attributes"].get("MessageGroupId") != "A"]
    if others:
        run("delete-message-batch", "--queue-url", url, "--entries", write("fdel.json", [
            {"Id": f"d{i}", "ReceiptHandle": m["ReceiptHandle"]} for i, m in enumerate(others)]))
    in_a = [m for m in first if m["Attributes"].get("MessageGroupId") == "A"]
    if in_a:
        run("change-message-visibility", "--queue-url", url, "--receipt-handle", in_a[0]["ReceiptHandle"],
            "--visibility-timeout", 0)
        check("group stays blocked while another of its messages is in flight", receive(url, vis=30) == [])
        cb = run("change-message-visibility-batch", "--queue-url", url, "--entries", write("fvis.json", [
            {"Id": str(i), "ReceiptHandle": m["ReceiptHandle"], "VisibilityTimeout": 0}
            for i, m in enumerate(in_a[1:])]))
        check("FIFO change-message-visibility-batch", len(cb.get("Successful", [])) == len(in_a) - 1, cb)
        ra = receive(url, n=1, vis=30)
        check("unblocked group restarts at its head", [m["Body"] for m in ra] == ["A0"], ra)
        expect_error("FIFO delete-message with a superseded handle", ["delete-message", "--queue-url", url,
                     "--receipt-handle", in_a[0]["ReceiptHandle"]], "InvalidParameterValue")
    run("purge-queue", "--queue-url", url)

    run("set-queue-attributes", "--queue-url", url, "--attributes", "ContentBasedDeduplication=true")
    c1 = run("send-message", "--queue-url", url, "--message-body", "same", "--message-group-id", "g")
    c2 = run("send-message", "--queue-url", url, "--message-body", "same", "--message-group-id", "g")
    check("content-based dedup", c1.get("MessageId") and c1.get("MessageId") == c2.get("MessageId"), (c1, c2))
    cm = receive(url)
    check("content-based MessageDeduplicationId = SHA-256 of the body", bool(cm) and
          cm[0]["Attributes"].get("MessageDeduplicationId") == hashlib.sha256(b"same").hexdigest(), cm)
    expect_error("FifoThroughputLimit perMessageGroupId needs DeduplicationScope messageGroup",
                 ["set-queue-attributes", "--queue-url", url, "--attributes", "FifoThroughputLimit=perMessageGroupId"],
                 "InvalidAttributeValue")
    run("set-queue-attributes", "--queue-url", url, "--attributes",
        "DeduplicationScope=messageGroup,FifoThroughputLimit=perMessageGroupId")
    a = run("get-queue-attributes", "--queue-url", url, "--attribute-names", "DeduplicationScope",
            "FifoThroughputLimit").get("Attributes", {})
    check("high-throughput FIFO settings", a == {"DeduplicationScope": "messageGroup",
                                                 "FifoThroughputLimit": "perMessageGroupId"}, a)
    expect_error("ContentBasedDeduplication on a standard queue", ["create-queue", "--queue-name", f"{PREFIX}-cbd",
                 "--attributes", "ContentBasedDeduplication=true"], "InvalidAttributeName")
    r = aws("delete-queue", "--queue-url", url)
    check("delete-queue FIFO", r.rc == 0, r)


def main():
    print(f"{VERSION}\nendpoint {ENDPOINT}, queue prefix {PREFIX}")
    try:
        url = queues()
        messages(url)
        batches(url)
        long_polling(url)
        dead_letters()
        fifo()
    except Exception as e:  # an unexpected failure ends the run but is reported as one
        import traceback
        traceback.print_exc()
        check("no unexpected exception", False, repr(e))
    finally:
        for u in run("list-queues", "--queue-name-prefix", PREFIX).get("QueueUrls", []):
            aws("delete-queue", "--queue-url", u)
        shutil.rmtree(TMP, ignore_errors=True)
    print(f"\n{len(passed)} passed, {len(failed)} failed, {len(notes)} notes")
    for f in failed:
        print(f"  failed: {f}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
