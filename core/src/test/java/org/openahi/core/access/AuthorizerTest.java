package org.openahi.core.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openahi.core.error.AccessDenied;

/** IAM's grammar and evaluation as openahi implements them, statement by statement and operator by operator. */
class AuthorizerTest {
    private static final String DS = "arn:aws:medical-imaging:us-east-1:123456789012:datastore/d1";
    private static final String IS = DS + "/imageset/i1";
    private static final String OTHER_DS = "arn:aws:medical-imaging:us-east-1:123456789012:datastore/d2";

    private static Principal principal(String... statements) {
        try {
            return new Principal(
                    "arn:aws:iam::123456789012:user/test",
                    List.of(Policy.parse(
                            "test",
                            new ObjectMapper()
                                    .readTree("{\"Version\": \"2012-10-17\", \"Statement\": ["
                                            + String.join(",", statements) + "]}"))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static AccessRequest request(String action, Map<String, List<String>> context, String... arns) {
        return new AccessRequest(
                "medical-imaging:" + action,
                java.util.Arrays.stream(arns)
                        .map(AccessRequest.Resource::untagged)
                        .toList(),
                context);
    }

    private static Authorizer.Outcome outcome(Principal principal, AccessRequest request) {
        return Authorizer.decide(principal, request).outcome();
    }

    @Test
    void actionWildcardsMatchCaseInsensitivelyAndNothingIsAllowedUnlessAStatementAllowsIt() {
        Principal readers = principal("{\"Effect\": \"Allow\", \"Action\": [\"medical-imaging:Get*\", "
                + "\"medical-imaging:searchimagesets\"], \"Resource\": \"*\"}");
        assertThat(outcome(readers, request("GetImageSet", Map.of(), DS, IS))).isEqualTo(Authorizer.Outcome.ALLOWED);
        assertThat(outcome(readers, request("SearchImageSets", Map.of(), DS))).isEqualTo(Authorizer.Outcome.ALLOWED);
        assertThat(outcome(readers, request("DeleteImageSet", Map.of(), DS, IS)))
                .isEqualTo(Authorizer.Outcome.IMPLICIT_DENY);
        assertThat(outcome(
                        principal("{\"Effect\": \"Allow\", \"Action\": \"medical-imaging:Get?mageSet\", "
                                + "\"Resource\": \"*\"}"),
                        request("GetImageSet", Map.of(), DS)))
                .isEqualTo(Authorizer.Outcome.ALLOWED);
    }

    @Test
    void anExplicitDenyBeatsAnyAllowAndNotActionInverts() {
        Principal allButDelete = principal(
                "{\"Effect\": \"Allow\", \"Action\": \"*\", \"Resource\": \"*\"}",
                "{\"Effect\": \"Deny\", \"Action\": \"medical-imaging:Delete*\", \"Resource\": \"*\"}");
        assertThat(outcome(allButDelete, request("DeleteDatastore", Map.of(), DS)))
                .isEqualTo(Authorizer.Outcome.EXPLICIT_DENY);
        assertThat(outcome(allButDelete, request("GetDatastore", Map.of(), DS))).isEqualTo(Authorizer.Outcome.ALLOWED);
        Principal notAction = principal(
                "{\"Effect\": \"Allow\", \"NotAction\": \"medical-imaging:Delete*\", " + "\"Resource\": \"*\"}");
        assertThat(outcome(notAction, request("DeleteImageSet", Map.of(), DS, IS)))
                .isEqualTo(Authorizer.Outcome.IMPLICIT_DENY);
        assertThat(outcome(notAction, request("CopyImageSet", Map.of(), DS, IS)))
                .isEqualTo(Authorizer.Outcome.ALLOWED);
    }

    @Test
    void everyResourceOfTheRequestMustBeAllowed() {
        Principal dataStoreOnly = principal("{\"Effect\": \"Allow\", \"Action\": \"*\", \"Resource\": \"" + DS + "\"}");
        assertThat(outcome(dataStoreOnly, request("GetDatastore", Map.of(), DS)))
                .isEqualTo(Authorizer.Outcome.ALLOWED);
        assertThat(Authorizer.decide(dataStoreOnly, request("GetImageSet", Map.of(), DS, IS))
                        .deniedResource())
                .isEqualTo(IS);
        Principal imageSets = principal("{\"Effect\": \"Allow\", \"Action\": \"*\", \"Resource\": [\"" + DS + "\", \""
                + DS + "/imageset/*\"]}");
        assertThat(outcome(imageSets, request("GetImageSet", Map.of(), DS, IS))).isEqualTo(Authorizer.Outcome.ALLOWED);
        assertThat(outcome(imageSets, request("GetImageSet", Map.of(), OTHER_DS, OTHER_DS + "/imageset/i1")))
                .isEqualTo(Authorizer.Outcome.IMPLICIT_DENY);
        Principal notResource =
                principal("{\"Effect\": \"Allow\", \"Action\": \"*\", \"NotResource\": \"" + OTHER_DS + "*\"}");
        assertThat(outcome(notResource, request("GetDatastore", Map.of(), DS))).isEqualTo(Authorizer.Outcome.ALLOWED);
        assertThat(outcome(notResource, request("GetDatastore", Map.of(), OTHER_DS)))
                .isEqualTo(Authorizer.Outcome.IMPLICIT_DENY);
        assertThat(outcome(
                        principal("{\"Effect\": \"Allow\", \"Action\": \"*\", \"Resource\": "
                                + "\"arn:aws:medical-imaging:*\"}"),
                        request("ListDatastores", Map.of(), AccessRequest.ANY_RESOURCE)))
                .as("an action without resources needs Resource *")
                .isEqualTo(Authorizer.Outcome.IMPLICIT_DENY);
    }

    @Test
    void stringOperatorsOnStudyAndSeriesKeysWithIfExistsAndNegation() {
        Principal oneStudy = principal("{\"Effect\": \"Allow\", \"Action\": \"*\", \"Resource\": \"*\", \"Condition\": "
                + "{\"StringEquals\": {\"medical-imaging:StudyInstanceUID\": [\"1.2.3\", \"1.2.4\"]}, "
                + "\"StringLikeIfExists\": {\"medical-imaging:SeriesInstanceUID\": \"1.2.3.*\"}}}");
        assertThat(outcome(
                        oneStudy,
                        request(
                                "GetDICOMInstance",
                                Map.of(
                                        "medical-imaging:StudyInstanceUID",
                                        List.of("1.2.4"),
                                        "medical-imaging:SeriesInstanceUID",
                                        List.of("1.2.3.9")),
                                DS)))
                .isEqualTo(Authorizer.Outcome.ALLOWED);
        assertThat(outcome(
                        oneStudy,
                        request("SearchDICOMSeries", Map.of("MEDICAL-IMAGING:studyinstanceuid", List.of("1.2.3")), DS)))
                .as("keys are case-insensitive; IfExists passes an absent key")
                .isEqualTo(Authorizer.Outcome.ALLOWED);
        assertThat(outcome(
                        oneStudy,
                        request("GetDICOMInstance", Map.of("medical-imaging:StudyInstanceUID", List.of("1.2.5")), DS)))
                .isEqualTo(Authorizer.Outcome.IMPLICIT_DENY);
        assertThat(outcome(
                        oneStudy,
                        request(
                                "GetDICOMInstance",
                                Map.of(
                                        "medical-imaging:StudyInstanceUID",
                                        List.of("1.2.3"),
                                        "medical-imaging:SeriesInstanceUID",
                                        List.of("9.9")),
                                DS)))
                .isEqualTo(Authorizer.Outcome.IMPLICIT_DENY);
        assertThat(outcome(oneStudy, request("SearchDICOMStudies", Map.of(), DS)))
                .as("an absent key fails a plain operator")
                .isEqualTo(Authorizer.Outcome.IMPLICIT_DENY);
        Principal notThatStudy = principal(
                "{\"Effect\": \"Allow\", \"Action\": \"*\", \"Resource\": \"*\"}",
                "{\"Effect\": \"Deny\", \"Action\": \"*\", \"Resource\": \"*\", \"Condition\": {\"StringEqualsIgnoreCase\": "
                        + "{\"medical-imaging:StudyInstanceUID\": \"1.2.X\"}}}");
        assertThat(outcome(
                        notThatStudy,
                        request("GetDICOMInstance", Map.of("medical-imaging:StudyInstanceUID", List.of("1.2.x")), DS)))
                .isEqualTo(Authorizer.Outcome.EXPLICIT_DENY);
        assertThat(outcome(notThatStudy, request("GetDICOMInstance", Map.of(), DS)))
                .isEqualTo(Authorizer.Outcome.ALLOWED);
        Principal negated = principal("{\"Effect\": \"Allow\", \"Action\": \"*\", \"Resource\": \"*\", \"Condition\": "
                + "{\"StringNotLike\": {\"medical-imaging:SeriesInstanceUID\": \"1.2.*\"}}}");
        assertThat(outcome(
                        negated,
                        request("GetDICOMInstance", Map.of("medical-imaging:SeriesInstanceUID", List.of("1.2.3")), DS)))
                .isEqualTo(Authorizer.Outcome.IMPLICIT_DENY);
        assertThat(outcome(negated, request("GetDICOMInstance", Map.of(), DS)))
                .as("a negated operator holds for an absent key")
                .isEqualTo(Authorizer.Outcome.ALLOWED);
    }

    @Test
    void resourceTagsAreReadPerResourceAndOnlyWhenAPolicyAsks() {
        Principal radiology =
                principal("{\"Effect\": \"Allow\", \"Action\": \"*\", \"Resource\": \"*\", \"Condition\": "
                        + "{\"StringEquals\": {\"aws:ResourceTag/team\": \"radiology\"}}}");
        AccessRequest.Resource tagged = new AccessRequest.Resource(DS, () -> Map.of("team", "radiology"));
        AccessRequest.Resource untagged = new AccessRequest.Resource(OTHER_DS, () -> Map.of("team", "cardiology"));
        assertThat(outcome(radiology, new AccessRequest("medical-imaging:GetDatastore", List.of(tagged), Map.of())))
                .isEqualTo(Authorizer.Outcome.ALLOWED);
        assertThat(Authorizer.decide(
                                radiology,
                                new AccessRequest("medical-imaging:GetImageSet", List.of(tagged, untagged), Map.of()))
                        .deniedResource())
                .isEqualTo(OTHER_DS);
        AccessRequest.Resource unreadable = new AccessRequest.Resource(DS, () -> {
            throw new AssertionError("tags read although no policy asks for them");
        });
        assertThat(outcome(
                        principal("{\"Effect\": \"Allow\", \"Action\": \"*\", \"Resource\": \"*\"}"),
                        new AccessRequest("medical-imaging:GetDatastore", List.of(unreadable), Map.of())))
                .isEqualTo(Authorizer.Outcome.ALLOWED);
    }

    @Test
    void requestTagsAndTagKeysWithSetOperators() {
        Principal teamOnly = principal("{\"Effect\": \"Allow\", \"Action\": \"medical-imaging:TagResource\", "
                + "\"Resource\": \"*\", \"Condition\": {\"StringEquals\": {\"aws:RequestTag/team\": \"radiology\"}, "
                + "\"ForAllValues:StringEquals\": {\"aws:TagKeys\": [\"team\", \"project\"]}}}");
        assertThat(outcome(
                        teamOnly,
                        request(
                                "TagResource",
                                Map.of(
                                        "aws:RequestTag/team",
                                        List.of("radiology"),
                                        "aws:TagKeys",
                                        List.of("team", "project")),
                                DS)))
                .isEqualTo(Authorizer.Outcome.ALLOWED);
        assertThat(outcome(
                        teamOnly,
                        request(
                                "TagResource",
                                Map.of(
                                        "aws:RequestTag/team",
                                        List.of("radiology"),
                                        "aws:TagKeys",
                                        List.of("team", "owner")),
                                DS)))
                .isEqualTo(Authorizer.Outcome.IMPLICIT_DENY);
        assertThat(outcome(
                        teamOnly,
                        request(
                                "TagResource",
                                Map.of("aws:RequestTag/team", List.of("oncology"), "aws:TagKeys", List.of("team")),
                                DS)))
                .isEqualTo(Authorizer.Outcome.IMPLICIT_DENY);
        Principal noSecretKey = principal(
                "{\"Effect\": \"Allow\", \"Action\": \"*\", \"Resource\": \"*\"}",
                "{\"Effect\": \"Deny\", \"Action\": \"*\", \"Resource\": \"*\", \"Condition\": "
                        + "{\"ForAnyValue:StringLike\": {\"aws:TagKeys\": \"secret*\"}}}");
        assertThat(outcome(noSecretKey, request("UntagResource", Map.of("aws:TagKeys", List.of("a", "secret-x")), DS)))
                .isEqualTo(Authorizer.Outcome.EXPLICIT_DENY);
        assertThat(outcome(noSecretKey, request("UntagResource", Map.of("aws:TagKeys", List.of("a")), DS)))
                .isEqualTo(Authorizer.Outcome.ALLOWED);
        Principal mustTag = principal("{\"Effect\": \"Allow\", \"Action\": \"*\", \"Resource\": \"*\", \"Condition\": "
                + "{\"Null\": {\"aws:RequestTag/team\": \"false\"}}}");
        assertThat(outcome(mustTag, request("CreateDatastore", Map.of(), "*")))
                .isEqualTo(Authorizer.Outcome.IMPLICIT_DENY);
        assertThat(outcome(mustTag, request("CreateDatastore", Map.of("aws:RequestTag/team", List.of("x")), "*")))
                .isEqualTo(Authorizer.Outcome.ALLOWED);
    }

    @Test
    void sourceIpMatchesIpv4AndIpv6CidrBlocks() {
        Principal office = principal("{\"Effect\": \"Allow\", \"Action\": \"*\", \"Resource\": \"*\", \"Condition\": "
                + "{\"IpAddress\": {\"aws:SourceIp\": [\"192.0.2.0/24\", \"2001:db8::/32\", \"127.0.0.1\"]}}}");
        for (String inside : List.of("192.0.2.77", "2001:db8:0:0:0:0:0:1", "127.0.0.1")) {
            assertThat(outcome(office, request("GetDatastore", Map.of("aws:SourceIp", List.of(inside)), DS)))
                    .as(inside)
                    .isEqualTo(Authorizer.Outcome.ALLOWED);
        }
        for (String outside : List.of("192.0.3.1", "2001:db9::1", "127.0.0.2", "not-an-address")) {
            assertThat(outcome(office, request("GetDatastore", Map.of("aws:SourceIp", List.of(outside)), DS)))
                    .as(outside)
                    .isEqualTo(Authorizer.Outcome.IMPLICIT_DENY);
        }
        Principal notFromThere = principal(
                "{\"Effect\": \"Allow\", \"Action\": \"*\", \"Resource\": \"*\"}",
                "{\"Effect\": \"Deny\", \"Action\": \"*\", \"Resource\": \"*\", \"Condition\": "
                        + "{\"NotIpAddress\": {\"aws:SourceIp\": \"10.0.0.0/8\"}}}");
        assertThat(outcome(notFromThere, request("GetDatastore", Map.of("aws:SourceIp", List.of("10.1.2.3")), DS)))
                .isEqualTo(Authorizer.Outcome.ALLOWED);
        assertThat(outcome(notFromThere, request("GetDatastore", Map.of("aws:SourceIp", List.of("11.1.2.3")), DS)))
                .isEqualTo(Authorizer.Outcome.EXPLICIT_DENY);
    }

    @Test
    void refusalsAreWordedAsAwsWordsThem() {
        Principal none = principal(
                "{\"Effect\": \"Deny\", \"Action\": \"medical-imaging:DeleteImageSet\", " + "\"Resource\": \"*\"}");
        assertThatThrownBy(() -> Authorizer.check(none, request("GetImageSet", Map.of(), DS, IS)))
                .isInstanceOf(AccessDenied.class)
                .hasMessage("User: arn:aws:iam::123456789012:user/test is not authorized to "
                        + "perform: medical-imaging:GetImageSet on resource: " + DS
                        + " because no identity-based policy allows "
                        + "the medical-imaging:GetImageSet action");
        assertThatThrownBy(() -> Authorizer.check(none, request("DeleteImageSet", Map.of(), DS, IS)))
                .hasMessageEndingWith("on resource: " + DS + " with an explicit deny in an identity-based policy");
    }

    @Test
    void policiesIamWouldRefuseAreRefusedWithTheirPlaceNamed() {
        for (String[] bad : new String[][] {
            {
                "{\"Effect\": \"Permit\", \"Action\": \"*\", \"Resource\": \"*\"}",
                "statement 1: Effect must be Allow or Deny"
            },
            {"{\"Effect\": \"Allow\", \"Action\": \"*\"}", "give exactly one of Resource and NotResource"},
            {"{\"Effect\": \"Allow\", \"Action\": \"GetImageSet\", \"Resource\": \"*\"}", "must be service:Action"},
            {
                "{\"Effect\": \"Allow\", \"Principal\": \"*\", \"Action\": \"*\", \"Resource\": \"*\"}",
                "Principal belongs in resource policies"
            },
            {
                "{\"Effect\": \"Allow\", \"Action\": \"*\", \"Resource\": \"*\", \"Condition\": {\"DateLessThan\": "
                        + "{\"aws:CurrentTime\": \"2030-01-01\"}}}",
                "condition operator 'DateLessThan' is not supported"
            },
            {
                "{\"Effect\": \"Allow\", \"Action\": \"*\", \"Resource\": \"*\", \"Condition\": {\"IpAddress\": "
                        + "{\"aws:SourceIp\": \"example.org\"}}}",
                "'example.org' is not an IP address"
            },
            {
                "{\"Effect\": \"Allow\", \"Action\": \"*\", \"Resource\": \"*\", \"Actions\": \"x\"}",
                "unknown statement member 'Actions'"
            }
        }) {
            assertThatThrownBy(() -> principal(bad[0]))
                    .as(bad[0])
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(bad[1]);
        }
    }
}
