package io.minibase.file.storage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Optional;

import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

import org.springframework.core.io.AbstractResource;
import org.springframework.core.io.Resource;

/**
 * Blobs as objects in an S3-compatible bucket (AWS SDK v2, blocking client). A read asks
 * for the object's length first (HEAD) and streams the body only when the response is
 * written.
 */
public class S3BlobStorage implements BlobStorage, AutoCloseable {

	private final S3Client s3;

	private final String bucket;

	private final String prefix;

	public S3BlobStorage(S3Client s3, String bucket, String prefix) {
		this.s3 = s3;
		this.bucket = bucket;
		this.prefix = (prefix != null) ? prefix : "";
	}

	@Override
	public boolean exists(String key) {
		return head(key).isPresent();
	}

	@Override
	public void put(String key, Path file, String contentType) {
		this.s3.putObject((request) -> request.bucket(this.bucket).key(this.prefix + key).contentType(contentType),
				RequestBody.fromFile(file));
	}

	@Override
	public Optional<Resource> get(String key) {
		return head(key).map((head) -> new ObjectResource(this.prefix + key, head.contentLength()));
	}

	private Optional<HeadObjectResponse> head(String key) {
		try {
			return Optional.of(this.s3.headObject((request) -> request.bucket(this.bucket).key(this.prefix + key)));
		}
		catch (NoSuchKeyException ex) {
			return Optional.empty();
		}
		catch (S3Exception ex) {
			if (ex.statusCode() == 404) {
				return Optional.empty();
			}
			throw ex;
		}
	}

	@Override
	public void close() {
		this.s3.close();
	}

	/** One object, its body fetched when it is read. */
	private final class ObjectResource extends AbstractResource {

		private final String objectKey;

		private final long length;

		ObjectResource(String objectKey, long length) {
			this.objectKey = objectKey;
			this.length = length;
		}

		@Override
		public InputStream getInputStream() throws IOException {
			try {
				return S3BlobStorage.this.s3
					.getObject((request) -> request.bucket(S3BlobStorage.this.bucket).key(this.objectKey));
			}
			catch (S3Exception ex) {
				throw new IOException("Reading object failed", ex);
			}
		}

		@Override
		public long contentLength() {
			return this.length;
		}

		@Override
		public boolean exists() {
			return true;
		}

		@Override
		public String getDescription() {
			return "S3 object " + this.objectKey;
		}

	}

}
