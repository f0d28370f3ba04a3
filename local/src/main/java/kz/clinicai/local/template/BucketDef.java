package kz.clinicai.local.template;

/** @param bucketName raw BucketName (string or intrinsic), null when CloudFormation would name it */
public record BucketDef(String logicalId, Object bucketName) {

    static BucketDef read(SamTemplate.Resource resource) {
        return new BucketDef(resource.logicalId(), resource.properties().get("BucketName"));
    }
}
