package io.opencmq.it.support;

import com.qcloud.cmq.Account;
import io.opencmq.core.auth.Credentials;

/**
 * The two ways the official SDK can be configured to talk: its default (form POST signed with
 * HmacSHA1) and query-string GET signed with HmacSHA256. SDK conformance tests run under both.
 */
public enum ClientFlavor {
    POST_SHA1("POST", "sha1"),
    GET_SHA256("GET", "sha256");

    private final String httpMethod;
    private final String signMethod;

    ClientFlavor(String httpMethod, String signMethod) {
        this.httpMethod = httpMethod;
        this.signMethod = signMethod;
    }

    public Account account(TestServer server) {
        return account(server.endpoint(), TestServer.CREDENTIALS);
    }

    public Account account(String endpoint, Credentials credentials) {
        return Sdk.account(endpoint, credentials, httpMethod, signMethod);
    }
}
