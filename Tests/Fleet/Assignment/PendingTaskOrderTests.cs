using MultiAgent.Grains.Fleet.Assignment;
using static MultiAgent.Tests.Fleet.Assignment.AssignmentScenarios;

namespace MultiAgent.Tests.Fleet.Assignment;

public sealed class PendingTaskOrderTests
{
    [Fact]
    public void Priority_then_deadline_then_age_then_id()
    {
        var urgent = Pending("urgent", 0, 0, priority: 9);
        var dueSoon = Pending("due-soon", 0, 0, priority: 5, deadline: T0.AddMinutes(5));
        var dueLater = Pending("due-later", 0, 0, priority: 5, deadline: T0.AddMinutes(30), ageSeconds: 600);
        var noDeadlineOld = Pending("no-deadline-old", 0, 0, priority: 5, ageSeconds: 300);
        var noDeadlineNewA = Pending("no-deadline-new-a", 0, 0, priority: 5, ageSeconds: 10);
        var noDeadlineNewB = Pending("no-deadline-new-b", 0, 0, priority: 5, ageSeconds: 10);
        var low = Pending("low", 0, 0, priority: 1, deadline: T0.AddSeconds(1), ageSeconds: 9_999);
        PendingTask[] expected = [urgent, dueSoon, dueLater, noDeadlineOld, noDeadlineNewA, noDeadlineNewB, low];

        var random = new Random(7);
        for (var round = 0; round < 20; round++)
        {
            var shuffled = expected.OrderBy(_ => random.Next()).ToList();
            shuffled.Sort(PendingTaskOrder.Instance);
            Assert.Equal(expected.Select(t => t.TaskId), shuffled.Select(t => t.TaskId));
        }
    }

    [Fact]
    public void An_earlier_deadline_beats_an_older_task_of_the_same_priority()
    {
        var old = Pending("old", 0, 0, priority: 3, ageSeconds: 3_600);
        var due = Pending("due", 0, 0, priority: 3, deadline: T0.AddHours(5));

        Assert.True(PendingTaskOrder.Instance.Compare(due, old) < 0);
        Assert.True(PendingTaskOrder.Instance.Compare(old, due) > 0);
    }

    [Fact]
    public void Different_tasks_never_compare_equal_so_a_sorted_set_keeps_both()
    {
        var a = Pending("a", 1, 1);
        var b = Pending("b", 2, 2);
        var set = new SortedSet<PendingTask>(PendingTaskOrder.Instance) { b, a };

        Assert.Equal(["a", "b"], set.Select(t => t.TaskId));
        Assert.Equal(0, PendingTaskOrder.Instance.Compare(a, a with { }));
    }
}
