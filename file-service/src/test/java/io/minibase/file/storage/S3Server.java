package io.minibase.file.storage;

import java.net.URI;
import java.time.Duration;

import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

import static org.awaitility.Awaitility.await;

/**
 * An S3-protocol server in the test JVM (S3Proxy over an in-memory blob store), checking
 * AWS signatures like S3 does. One per test JVM.
 */
public final class S3Server {

	public static final String ACCESS_KEY = "minibase-test";

	public static final String SECRET_KEY = "minibase-test-secret";

	private static S3Proxy proxy;

	private S3Server() {
	}

	/** The endpoint of the running server, started on first use. */
	public static synchronized URI endpoint() {
		if (proxy == null) {
			try {
				S3Proxy started = S3Proxy.builder()
					.blobStore(new TransientNio2BlobStore())
					.endpoint(URI.create("http://127.0.0.1:0"))
					.awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
					.build();
				started.start();
				await("S3Proxy started").atMost(Duration.ofSeconds(30))
					.pollInterval(Duration.ofMillis(10))
					.failFast("S3Proxy failed to start", () -> "FAILED".equals(started.getState()))
					.until(() -> "STARTED".equals(started.getState()));
				proxy = started;
			}
			catch (Exception ex) {
				throw new IllegalStateException("S3Proxy did not start", ex);
			}
		}
		return URI.create("http://127.0.0.1:" + proxy.getPort());
	}

	/** A client of the server, for tests to make buckets and look at objects. */
	public static S3Client client() {
		return S3Client.builder()
			.httpClientBuilder(UrlConnectionHttpClient.builder())
			.endpointOverride(endpoint())
			.region(Region.US_EAST_1)
			.forcePathStyle(true)
			.credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
			.build();
	}

	/** Makes a bucket (idempotent). */
	public static String bucket(String name) {
		try (S3Client s3 = client()) {
			if (s3.listBuckets().buckets().stream().noneMatch((bucket) -> bucket.name().equals(name))) {
				s3.createBucket((request) -> request.bucket(name));
			}
		}
		return name;
	}

}
