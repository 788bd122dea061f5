package dev.converge.providers.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.IpRange;

class SecurityGroupRulesTest {

    private static final Map<String, Object> WEB = Map.of("protocol", "tcp", "fromPort", 80L, "toPort", 443L,
            "cidrBlocks", List.of("10.0.0.0/8", "0.0.0.0/0"));

    @Test
    void rulesExpandToSinglePermissionsAndBack() {
        Set<SecurityGroupRules.Permission> permissions = SecurityGroupRules.expand(List.of(WEB));
        assertThat(permissions).hasSize(2);
        IpPermission aws = IpPermission.builder().ipProtocol("6").fromPort(80).toPort(443)
                .ipRanges(IpRange.builder().cidrIp("0.0.0.0/0").build(), IpRange.builder().cidrIp("10.0.0.0/8").build())
                .build();
        assertThat(SecurityGroupRules.fromAws(List.of(aws))).isEqualTo(permissions);
        assertThat(SecurityGroupRules.toRules(SecurityGroupRules.fromAws(List.of(aws)), List.of(WEB)))
                .as("same meaning keeps the declared form").isEqualTo(List.of(WEB));
        assertThat(SecurityGroupRules.toRules(permissions, null)).isEqualTo(List.of(Map.of("protocol", "tcp",
                "fromPort", 80L, "toPort", 443L, "cidrBlocks", List.of("0.0.0.0/0", "10.0.0.0/8"))));
    }

    @Test
    void allTrafficIgnoresPortsAndDifferencesAreSetDifferences() {
        Map<String, Object> all = Map.of("protocol", "-1", "fromPort", 5L, "toPort", 9L, "cidrBlocks", List.of("0.0.0.0/0"));
        var allTraffic = SecurityGroupRules.expand(List.of(all));
        assertThat(allTraffic).containsExactly(new SecurityGroupRules.Permission("-1", 0, 0, "0.0.0.0/0"));
        assertThat(allTraffic.iterator().next().toIpPermission().fromPort()).isNull();
        var web = SecurityGroupRules.expand(List.of(WEB));
        assertThat(SecurityGroupRules.minus(web, allTraffic)).isEqualTo(web);
        assertThat(SecurityGroupRules.minus(web, web)).isEmpty();
    }
}
