package io.layerline.retention.domain;

import io.layerline.retention.domain.policy.KeepNewestUsed;
import io.layerline.retention.domain.policy.KeepRules;
import io.layerline.retention.domain.policy.KeepTagsMatching;
import io.layerline.retention.domain.policy.LabelClass;
import io.layerline.retention.domain.policy.PolicyDraft;
import io.layerline.retention.domain.policy.RetentionPolicy;
import io.layerline.retention.domain.policy.RuleKind;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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

    /** Every kind of rule is found by its name, and a checked draft of it becomes a rule that says what it is. */
    @Test
    void everyKindOfRuleIsFoundByItsNameAndBuildsFromADraft() {
        Map<String, PolicyDraft.RuleDraft> drafts = Map.of(
                "keepNewestUsed", new PolicyDraft.RuleDraft("keepNewestUsed", "maybe_prod", 10, null, null),
                "keepYoungerThan", new PolicyDraft.RuleDraft("keepYoungerThan", null, null, 7, null),
                "keepNeverDeployedYoungerThan", new PolicyDraft.RuleDraft("keepNeverDeployedYoungerThan", null, null,
                        30, null),
                "keepTagsMatching", new PolicyDraft.RuleDraft("keepTagsMatching", null, null, null, "release-.*"),
                "deleteUntaggedOlderThan", new PolicyDraft.RuleDraft("deleteUntaggedOlderThan", null, null, 14, null));

        assertThat(KeepRules.ALL).extracting(RuleKind::type).containsExactlyInAnyOrderElementsOf(drafts.keySet());
        for (RuleKind kind : KeepRules.ALL) {
            List<PolicyDraft.FieldError> errors = new ArrayList<>();
            kind.check().check(drafts.get(kind.type()), "rules[0]", errors);
            assertThat(errors).as(kind.type()).isEmpty();
            assertThat(KeepRules.named(kind.type())).contains(kind);
            assertThat(kind.build().apply(drafts.get(kind.type())).describe()).as(kind.type()).isNotBlank();
        }
        assertThat(KeepRules.names()).isEqualTo("keepNewestUsed, keepYoungerThan, keepNeverDeployedYoungerThan, "
                + "keepTagsMatching or deleteUntaggedOlderThan");
        assertThat(KeepRules.named("deleteEverything")).isEmpty();
    }

    @Test
    void aPolicyWithoutRulesIsRefusedBecauseItWouldDeleteEverything() {
        assertThat(new PolicyDraft("**", "**", null, List.of(), null, false).validate())
                .extracting(PolicyDraft.FieldError::field).containsExactly("rules");
    }
}
