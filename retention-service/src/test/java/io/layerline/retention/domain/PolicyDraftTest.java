package io.layerline.retention.domain;

import io.layerline.retention.domain.policy.KeepNewestUsed;
import io.layerline.retention.domain.policy.KeepTagsMatching;
import io.layerline.retention.domain.policy.LabelClass;
import io.layerline.retention.domain.policy.PolicyDraft;
import io.layerline.retention.domain.policy.RetentionPolicy;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PolicyDraftTest {

    @Test
    void aValidDraftBecomesAPolicyWithItsRules() {
        PolicyDraft draft = new PolicyDraft("harbor.example.com", "payments/**", 200, List.of(
                new PolicyDraft.RuleDraft("keepNewestUsed", "prod", 20, null, null),
                new PolicyDraft.RuleDraft("keepTagsMatching", null, null, null, "v\\d+\\.\\d+\\.\\d+")),
                "0 3 * * *", true);

        RetentionPolicy policy = draft.toPolicy("payments", 3);

        assertThat(draft.validate()).isEmpty();
        assertThat(policy.version()).isEqualTo(3);
        assertThat(policy.rules()).containsExactly(new KeepNewestUsed(LabelClass.PROD, 20),
                new KeepTagsMatching(java.util.regex.Pattern.compile("v\\d+\\.\\d+\\.\\d+")));
    }

    @Test
    void namesEveryWrongFieldOfEveryRule() {
        PolicyDraft draft = new PolicyDraft("", null, 5000, List.of(
                new PolicyDraft.RuleDraft("keepNewestUsed", "staging", -1, null, null),
                new PolicyDraft.RuleDraft("keepYoungerThan", null, null, null, null),
                new PolicyDraft.RuleDraft("keepTagsMatching", null, null, null, "(unclosed"),
                new PolicyDraft.RuleDraft("deleteEverything", null, null, null, null)), null, true);

        assertThat(draft.validate()).extracting(PolicyDraft.FieldError::field).containsExactly(
                "registry", "repository", "autoApply", "priority", "rules[0].label", "rules[0].count", "rules[1].days",
                "rules[2].pattern", "rules[3].type");
    }

    @Test
    void aPolicyWithoutRulesIsRefusedBecauseItWouldDeleteEverything() {
        assertThat(new PolicyDraft("**", "**", null, List.of(), null, false).validate())
                .extracting(PolicyDraft.FieldError::field).containsExactly("rules");
    }
}
