package dev.agentkanban.support;

import io.restassured.RestAssured;

/** The base URL of the server under test, as a CLI configured for it would send it in {@code aud}. */
public final class Server {

    private Server() {
    }

    public static String url() {
        return RestAssured.baseURI + ":" + RestAssured.port;
    }
}
