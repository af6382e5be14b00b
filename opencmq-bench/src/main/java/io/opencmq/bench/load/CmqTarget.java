package io.opencmq.bench.load;

import io.opencmq.bench.cmq.CmqSigner;
import io.opencmq.bench.cmq.Endpoint;
import io.opencmq.bench.cmq.SignedForm;

import java.util.List;

/** The server under load and the key pair to sign with. */
public record CmqTarget(Endpoint endpoint, String secretId, String secretKey, CmqSigner.SignatureMethod signatureMethod) {

    /** A fresh encoder (with its own MAC) for one connection and one action. */
    SignedForm form(String action, List<String> params) {
        return new SignedForm(new CmqSigner(secretKey, signatureMethod), endpoint.hostHeader(), secretId, action, params);
    }
}
