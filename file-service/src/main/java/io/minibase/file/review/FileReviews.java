package io.minibase.file.review;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Optional;

import io.micrometer.core.instrument.MeterRegistry;
import io.minibase.common.events.Outbox;
import io.minibase.common.wechat.ContentSecurity;
import io.minibase.common.wechat.ContentSecurity.Scene;
import io.minibase.common.wechat.WeChatError;
import io.minibase.common.wechat.WeChatProperties;
import io.minibase.common.wechat.WeChatUnavailable;
import io.minibase.file.config.ReviewProperties;
import io.minibase.file.stored.ReviewStatus;
import io.minibase.file.stored.StoredFile;
import io.minibase.file.stored.StoredFileMapper;
import io.minibase.file.stored.Visibility;
import io.minibase.file.uploader.Uploaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.env.Environment;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * WeChat's media check of users' uploads: asked for right after the upload
 * ({@code media_check_async}, WeChat downloads the file with its review token), and again
 * by a sweep when asking failed (WeChat away, the uploader's openid not known yet) or no
 * result came; the result arrives by the message push ({@link #decided}). Until then the
 * file is served to its owner only; rejected, never again, and
 * {@code file.FileReviewed.v1} tells the owners of references to drop them.
 */
@Service
public class FileReviews {

	private static final Logger log = LoggerFactory.getLogger(FileReviews.class);

	/** WeChat's scene for the check: a user's own images (avatars, after-sale photos). */
	private static final Scene SCENE = Scene.PROFILE;

	private static final int SWEEP_BATCH = 50;

	private static final SecureRandom random = new SecureRandom();

	private final StoredFileMapper files;

	private final ContentSecurity security;

	private final Uploaders uploaders;

	private final String appId;

	private final ReviewProperties settings;

	private final Outbox outbox;

	private final TransactionTemplate transactions;

	private final MeterRegistry meters;

	private final Environment environment;

	FileReviews(StoredFileMapper files, ContentSecurity security, Uploaders uploaders, WeChatProperties wechat,
			ReviewProperties settings, Outbox outbox, TransactionTemplate transactions, MeterRegistry meters,
			Environment environment) {
		this.environment = environment;
		this.files = files;
		this.security = security;
		this.uploaders = uploaders;
		this.appId = wechat.appId();
		this.settings = settings;
		this.outbox = outbox;
		this.transactions = transactions;
		this.meters = meters;
	}

	/**
	 * The review status a new upload starts with: only what others will see is checked,
	 * so neither an admin's upload nor a private file waits.
	 */
	public ReviewStatus initialStatus(boolean trusted, Visibility visibility) {
		return (trusted || visibility == Visibility.PRIVATE || !this.settings.enabled()) ? ReviewStatus.TRUSTED
				: ReviewStatus.PENDING;
	}

	/** A fresh token for WeChat's download of a file under check: 256 random bits. */
	public static String newToken() {
		byte[] bytes = new byte[32];
		random.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	/**
	 * Asks WeChat to check the file, unless another instance just did. Never throws: what
	 * fails is asked again by the sweep.
	 */
	public void ask(long fileId) {
		// fileId: the row's number, which never leaves this service
		Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
		if (this.files.claimReviewRequest(fileId, now, now.minus(this.settings.askAgainAfter())) != 1) {
			return;
		}
		StoredFile file = this.files.findByRowId(fileId);
		Optional<String> openid = this.uploaders.openid(file.ownerId(), this.appId);
		if (openid.isEmpty()) {
			log.debug("File {}: the uploader's openid is not known yet; the sweep asks again", fileId);
			this.files.releaseReviewRequest(fileId);
			return;
		}
		try {
			String traceId = this.security.checkImageAsync(openid.get(), SCENE, mediaUrl(file));
			this.files.setReviewTraceId(fileId, traceId);
			this.meters.counter("files.reviews.asked").increment();
		}
		catch (WeChatUnavailable | WeChatError ex) {
			log.warn("File {}: could not ask for the media check ({}); the sweep asks again", fileId, ex.getMessage());
			this.files.releaseReviewRequest(fileId);
		}
	}

	/**
	 * Asks for the checks still to ask for, and again for those whose result never came.
	 */
	@Scheduled(fixedDelayString = "${files.review.sweep-interval:5s}",
			initialDelayString = "${files.review.sweep-interval:5s}")
	void sweep() {
		if (!this.settings.enabled()) {
			return;
		}
		try {
			for (long id : this.files.findReviewsDue(Instant.now().minus(this.settings.askAgainAfter()), SWEEP_BATCH)) {
				ask(id);
			}
		}
		catch (RuntimeException ex) {
			log.warn("Media check sweep failed: {}", ex.toString());
		}
	}

	/**
	 * A media check's result, from the message push: the verdict is kept once (a push
	 * sent again changes nothing), and published.
	 * @param errcode WeChat's errcode for the check: not 0 means it could not check, and
	 * the check is asked for again
	 */
	public void decided(String traceId, String suggest, int errcode) {
		StoredFile file = this.files.findByReviewTraceId(traceId);
		if (file == null) {
			log.info("A media check result for an unknown trace id; ignored");
			return;
		}
		if (errcode != 0) {
			log.warn("File {}: WeChat could not check it (errcode {}); asking again", file.id(), errcode);
			this.files.releaseReviewRequest(file.rowId());
			return;
		}
		// "review" (WeChat unsure) passes, as text does: WeChat does not call it risky
		ReviewStatus verdict = "risky".equals(suggest) ? ReviewStatus.REJECTED : ReviewStatus.PASSED;
		Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
		this.transactions.executeWithoutResult((tx) -> {
			if (this.files.decide(file.rowId(), verdict, now) == 1) {
				this.outbox.append(StoredFile.TOPIC, FileReviewed.TYPE, file.id().value(), new FileReviewed(
						file.id().value(), String.valueOf(file.ownerId()), file.id().url(), verdict.name(), now));
				this.meters.counter("files.reviews.decided", "verdict", verdict.name().toLowerCase()).increment();
			}
		});
	}

	private String mediaUrl(StoredFile file) {
		// resolved now, not at start: a test names its own port (${local.server.port})
		String base = this.environment.resolvePlaceholders(this.settings.publicBaseUrl());
		return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + file.id().url() + "?review="
				+ file.reviewToken();
	}

}
