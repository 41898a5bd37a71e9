using MultiAgent.Runtime.Membership;

namespace MultiAgent.Tests.Membership;

public sealed class InMemoryMembershipServiceTests : MembershipServiceTests
{
    protected override IMembershipTable Table { get; } = new InMemoryMembershipTable();
}
