"""What the conformance scripts share: the server's key pair, AWS's MD5 digests of message
bodies and attributes, and bounded polling. Imported by boto3_sqs.py and aws_cli_sqs.py, which
run from this folder (Python puts a script's folder first on the import path)."""

import hashlib
import os
import struct
import time


def credentials():
    """The key pair: AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY, else the server data dir's
    credentials.properties (OPENCMQ_DATA_DIR, default /tmp/conf-data)."""
    key, secret = os.environ.get("AWS_ACCESS_KEY_ID"), os.environ.get("AWS_SECRET_ACCESS_KEY")
    if key and secret:
        return key, secret
    props = {}
    path = os.path.join(os.environ.get("OPENCMQ_DATA_DIR", "/tmp/conf-data"), "credentials.properties")
    with open(path) as f:
        for line in f:
            if "=" in line and not line.startswith("#"):
                k, v = line.strip().split("=", 1)
                props[k] = v
    return props["secretId"], props["secretKey"]


def md5(b):
    return hashlib.md5(b).hexdigest()


def attributes_md5(attrs):
    """AWS's documented MD5 of message (or message system) attributes: names sorted, each with
    its length-prefixed name, type and value (1 = string, 2 = binary). Binary values as bytes
    (or text, taken as its UTF-8 bytes)."""
    out = b""
    for name in sorted(attrs):
        a = attrs[name]
        t = a["DataType"]
        out += struct.pack(">I", len(name.encode())) + name.encode()
        out += struct.pack(">I", len(t.encode())) + t.encode()
        if "StringValue" in a:
            v = a["StringValue"].encode()
            out += b"\x01" + struct.pack(">I", len(v)) + v
        else:
            v = a["BinaryValue"]
            v = v if isinstance(v, bytes) else v.encode()
            out += b"\x02" + struct.pack(">I", len(v)) + v
    return md5(out)


def poll(fn, timeout=10.0, step=0.2):
    """Calls fn until it returns something truthy or timeout seconds have passed; its last value."""
    deadline = time.time() + timeout
    while True:
        v = fn()
        if v or time.time() > deadline:
            return v
        time.sleep(step)
