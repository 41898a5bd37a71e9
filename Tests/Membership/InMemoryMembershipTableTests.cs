using MultiAgent.Runtime.Membership;

namespace MultiAgent.Tests.Membership;

public sealed class InMemoryMembershipTableTests : MembershipTableContractTests
{
    protected override IMembershipTable Table { get; } = new InMemoryMembershipTable();
}
