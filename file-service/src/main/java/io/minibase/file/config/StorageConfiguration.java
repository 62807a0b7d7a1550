package io.minibase.file.config;

import java.io.IOException;

import io.minibase.file.config.FileProperties.Storage;
import io.minibase.file.storage.BlobStorage;
import io.minibase.file.storage.LocalBlobStorage;
import io.minibase.file.storage.S3BlobStorage;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.StringUtils;

/** The one {@link BlobStorage} of this instance, chosen by {@code files.storage.type}. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(FileProperties.class)
public class StorageConfiguration {

	@Bean
	BlobStorage blobStorage(FileProperties properties) throws IOException {
		Storage storage = properties.storage();
		return switch (storage.type()) {
			case LOCAL -> new LocalBlobStorage(storage.local().path());
			case S3 -> new S3BlobStorage(s3Client(storage.s3()), storage.s3().bucket(), storage.s3().prefix());
		};
	}

	static S3Client s3Client(Storage.S3 s3) {
		if (!StringUtils.hasText(s3.bucket())) {
			throw new IllegalStateException("files.storage.type=s3 needs files.storage.s3.bucket");
		}
		S3ClientBuilder builder = S3Client.builder()
			.httpClientBuilder(UrlConnectionHttpClient.builder())
			.region(Region.of(StringUtils.hasText(s3.region()) ? s3.region() : "us-east-1"))
			.forcePathStyle(s3.pathStyle());
		if (s3.endpoint() != null && StringUtils.hasText(s3.endpoint().toString())) {
			builder.endpointOverride(s3.endpoint());
		}
		builder.credentialsProvider(StringUtils.hasText(s3.accessKey())
				? StaticCredentialsProvider.create(AwsBasicCredentials.create(s3.accessKey(), s3.secretKey()))
				: DefaultCredentialsProvider.builder().build());
		return builder.build();
	}

}
