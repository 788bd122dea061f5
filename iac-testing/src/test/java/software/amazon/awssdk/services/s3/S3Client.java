package software.amazon.awssdk.services.s3;

/** A stand-in for the AWS SDK's client, so the tangled sample can call "the SDK" without it on the class path. */
public final class S3Client {

    public static S3Client create() {
        return new S3Client();
    }

    public void createBucket(String name) {
        // nothing: the sample is only imported by ArchUnit, never run
    }
}
