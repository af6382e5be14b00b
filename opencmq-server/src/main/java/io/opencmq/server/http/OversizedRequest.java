package io.opencmq.server.http;

/**
 * Passed down the pipeline in place of a request whose body exceeded the size limit, so that
 * it is answered in its turn among pipelined requests, with an error in the protocol's own
 * format instead of a bare 413.
 *
 * @param method the request's HTTP method
 * @param uri the request target as sent
 * @param amzTarget the X-Amz-Target header (SQS's JSON protocol), or null
 */
record OversizedRequest(String method, String uri, String amzTarget) {
}
