package io.opencmq.it.support;

import com.qcloud.cmq.Account;
import com.qcloud.cmq.CMQServerException;
import com.qcloud.cmq.entity.CmqConfig;
import io.opencmq.core.auth.Credentials;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Glue for the official CMQ Java SDK 1.0.7: building an {@link Account}, and reading the CMQ
 * error code out of a {@link CMQServerException}, which has no getter for it (its
 * {@code toString()} is {@code "code:<n>, message:<text>"}).
 */
public final class Sdk {

    private static final Pattern CODE = Pattern.compile("code:(-?\\d+)");

    private Sdk() {
    }

    public static Account account(String endpoint, Credentials credentials, String httpMethod, String signMethod) {
        CmqConfig config = new CmqConfig();
        config.setEndpoint(endpoint);
        config.setSecretId(credentials.secretId());
        config.setSecretKey(credentials.secretKey());
        config.setMethod(httpMethod);
        config.setSignMethod(signMethod);
        return new Account(config);
    }

    /** Something the SDK is asked to do. */
    @FunctionalInterface
    public interface Call {
        void run() throws Exception;
    }

    /** Runs {@code call}, which must fail with a CMQServerException, and returns that error's CMQ code. */
    public static int errorCode(Call call) {
        try {
            call.run();
        } catch (CMQServerException e) {
            return codeOf(e);
        } catch (Exception e) {
            throw new AssertionError("expected a CMQServerException but got " + e, e);
        }
        throw new AssertionError("expected a CMQServerException but the call succeeded");
    }

    public static int codeOf(CMQServerException e) {
        Matcher m = CODE.matcher(e.toString());
        if (!m.find()) {
            throw new AssertionError("no code in " + e);
        }
        return Integer.parseInt(m.group(1));
    }
}
