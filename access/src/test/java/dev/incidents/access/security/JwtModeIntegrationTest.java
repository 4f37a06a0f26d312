package dev.incidents.access.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** JWT mode with a key pair generated here: the server trusts the public key, the test signs the tokens. */
@SpringBootTest(classes = {AccessTestApplication.class, JwtModeIntegrationTest.TrustedKey.class},
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "server.address=127.0.0.1",
                "incidents.security.mode=jwt",
                "incidents.security.jwt.user-claim=preferred_username",
                "incidents.organisation.file=../config/organisation.yml"})
class JwtModeIntegrationTest {

    private static final KeyPair TRUSTED = newKeyPair();
    private static final KeyPair OTHER = newKeyPair();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @TestConfiguration
    static class TrustedKey {

        @Bean
        JwtDecoder jwtDecoder() {
            return NimbusJwtDecoder.withPublicKey((RSAPublicKey) TRUSTED.getPublic()).build();
        }
    }

    @Test
    void validTokenNamesCaller() throws Exception {
        String token = token(TRUSTED, "maria.manager", List.of("MANAGER", "REQUESTER"), List.of("NET"),
                Instant.now().plus(Duration.ofMinutes(5)));

        HttpResponse<String> response = get(token);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode caller = JSON.readTree(response.body());
        assertThat(caller.get("user").asText()).isEqualTo("maria.manager");
        assertThat(caller.get("roles").toString()).contains("MANAGER").contains("REQUESTER");
        assertThat(caller.get("groups").get(0).asText()).isEqualTo("NET");
        // Managed groups come from the organisation: NET, NET-L3 below it, and DB.
        assertThat(caller.get("managedGroups").toString()).contains("NET").contains("NET-L3").contains("DB");
    }

    @Test
    void tokenWithoutGroupsClaimTakesOrganisationGroups() throws Exception {
        String token = token(TRUSTED, "nick.net", List.of("SPECIALIST"), null,
                Instant.now().plus(Duration.ofMinutes(5)));

        JsonNode caller = JSON.readTree(get(token).body());

        assertThat(caller.get("groups").get(0).asText()).isEqualTo("NET");
    }

    @Test
    void expiredTokenGets401Problem() throws Exception {
        String token = token(TRUSTED, "maria.manager", List.of("MANAGER"), List.of("NET"),
                Instant.now().minus(Duration.ofHours(1)));

        HttpResponse<String> response = get(token);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                challenge -> assertThat(challenge).startsWith("Bearer"));
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(JSON.readTree(response.body()).get("detail").asText()).contains("expired");
    }

    @Test
    void tokenOfOtherKeyGets401() throws Exception {
        String token = token(OTHER, "maria.manager", List.of("MANAGER"), List.of("NET"),
                Instant.now().plus(Duration.ofMinutes(5)));

        HttpResponse<String> response = get(token);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }

    @Test
    void missingTokenGets401() throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri()).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
    }

    private HttpResponse<String> get(String token) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri()).header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private URI uri() {
        return URI.create("http://127.0.0.1:" + port + "/api/caller");
    }

    private static String token(KeyPair keys, String user, List<String> roles, List<String> groups,
                                Instant expiresAt) throws JOSEException {
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .subject("id-" + user)
                .claim("preferred_username", user)
                .claim("roles", roles)
                .issueTime(Date.from(expiresAt.minus(Duration.ofHours(2))))
                .expirationTime(Date.from(expiresAt));
        if (groups != null) {
            claims.claim("groups", groups);
        }
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims.build());
        jwt.sign(new RSASSASigner(keys.getPrivate()));
        return jwt.serialize();
    }

    private static KeyPair newKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
