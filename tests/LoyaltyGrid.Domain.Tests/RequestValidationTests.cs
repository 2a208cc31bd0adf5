using LoyaltyGrid.Domain.Members;
using LoyaltyGrid.Domain.Tests.Builders;

namespace LoyaltyGrid.Domain.Tests;

public sealed class RequestValidationTests
{
    private readonly TestMember member = TestMember.Enrolled();

    private RecordPurchase ValidPurchase() => member.PurchaseOf(new Basket().Line("sku-1", 1, 1000).Line("sku-2", 2, 250));

    [Theory]
    [InlineData("request_id")]
    [InlineData("program_id")]
    [InlineData("member_id")]
    [InlineData("merchant_id")]
    [InlineData("store_id")]
    [InlineData("terminal_id")]
    [InlineData("currency")]
    public void Empty_required_field_of_a_purchase_is_reported_by_its_name(string field)
    {
        var purchase = ValidPurchase();
        purchase = field switch
        {
            "request_id" => purchase with { RequestId = "" },
            "program_id" => purchase with { ProgramId = "" },
            "member_id" => purchase with { MemberId = "" },
            "merchant_id" => purchase with { MerchantId = "" },
            "store_id" => purchase with { StoreId = "" },
            "terminal_id" => purchase with { TerminalId = "" },
            _ => purchase with { Currency = "" },
        };

        Assert.Equal(Refusal.Invalid(field), member.Refuses(purchase));
    }

    [Theory]
    [InlineData("store 1")]
    [InlineData("store/1")]
    [InlineData("magasin-é")]
    [InlineData("store\n1")]
    public void Identifier_with_characters_outside_letters_digits_and_punctuation_is_invalid(string storeId)
    {
        Assert.Equal(Refusal.Invalid("store_id"), member.Refuses(ValidPurchase() with { StoreId = storeId }));
    }

    [Fact]
    public void Identifier_longer_than_64_characters_is_invalid_but_64_is_fine()
    {
        Assert.Equal(Refusal.Invalid("merchant_id"), member.Refuses(ValidPurchase() with { MerchantId = new string('m', 65) }));
        member.Handle(ValidPurchase() with { MerchantId = new string('m', 64) });
    }

    [Fact]
    public void Request_id_may_be_up_to_128_characters()
    {
        Assert.Equal(Refusal.Invalid("request_id"), member.Refuses(ValidPurchase() with { RequestId = new string('r', 129) }));
        member.Handle(ValidPurchase() with { RequestId = new string('r', 128) });
    }

    [Fact]
    public void Lower_case_or_unknown_currency_is_invalid()
    {
        Assert.Equal(Refusal.Invalid("currency"), member.Refuses(ValidPurchase() with { Currency = "eur" }));
        Assert.Equal(Refusal.Invalid("currency"), member.Refuses(ValidPurchase() with { Currency = "XYZ" }));
    }

    [Fact]
    public void Zero_quantity_is_reported_on_its_line()
    {
        var purchase = member.PurchaseOf(new Basket().Line("sku-1", 1, 1000).Line("sku-2", 0, 250));

        var error = member.RefusesWithError(purchase);

        Assert.Equal(Refusal.Invalid("lines[1].quantity"), Refusal.Of(error));
        Assert.Equal("lines[1].quantity: must be between 1 and 10000, got 0", error.Message);
    }

    [Fact]
    public void Quantity_above_the_limit_is_invalid()
    {
        Assert.Equal(Refusal.Invalid("lines[0].quantity"), member.Refuses(member.PurchaseOf(new Basket().Line("sku-1", Limits.MaxQuantity + 1, 1))));
    }

    [Fact]
    public void Negative_unit_price_is_reported_on_its_line_but_a_free_item_is_fine()
    {
        Assert.Equal(Refusal.Invalid("lines[0].unit_price_minor"), member.Refuses(member.PurchaseOf(new Basket().Line("sku-1", 1, -1))));
        member.Buy(new Basket().Line("free-gift", 1, 0).Line("sku-1", 1, 100));
    }

    [Fact]
    public void Purchase_without_lines_is_invalid()
    {
        Assert.Equal(Refusal.Invalid("lines"), member.Refuses(member.PurchaseOf(new Basket())));
    }

    [Fact]
    public void Basket_of_201_lines_is_too_long_but_200_is_accepted()
    {
        Assert.Equal(Refusal.Invalid("lines"), member.Refuses(member.PurchaseOf(Basket.WithLines(Limits.MaxLines + 1))));

        var purchase = member.Buy(Basket.WithLines(Limits.MaxLines));

        Assert.Equal(Limits.MaxLines, purchase.Lines.Count);
    }

    [Fact]
    public void Sku_on_two_lines_is_reported_on_the_second_line()
    {
        var purchase = member.PurchaseOf(new Basket().Line("sku-1", 1, 100).Line("sku-2", 1, 100).Line("sku-1", 2, 100));

        Assert.Equal(Refusal.Invalid("lines[2].sku"), member.Refuses(purchase));
    }

    [Fact]
    public void Empty_sku_and_bad_category_are_reported_on_their_line()
    {
        var purchase = member.PurchaseOf(new Basket().Line("", 1, 100).Line("sku-2", 1, 100, category: "food & drink"));

        Assert.Equal(Refusal.Invalid("lines[0].sku", "lines[1].category"), member.Refuses(purchase));
    }

    [Fact]
    public void Every_bad_field_is_reported_at_once()
    {
        var purchase = member.PurchaseOf(new Basket().Line("sku-1", 0, 100).Line("sku-1", 1, -5)) with
        {
            RequestId = "",
            MerchantId = "shop 1",
            Currency = "euro",
        };

        var error = member.RefusesWithError(purchase);

        Assert.Equal(
            Refusal.Invalid("request_id", "merchant_id", "currency", "lines[0].quantity", "lines[1].sku", "lines[1].unit_price_minor"),
            Refusal.Of(error));
        Assert.StartsWith("6 fields are invalid: request_id: is required; ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_request_is_refused_before_looking_at_the_member()
    {
        var stranger = TestMember.NotEnrolled();

        Assert.Equal(Refusal.Invalid("lines"), stranger.Refuses(stranger.PurchaseOf(new Basket())));
    }

    [Fact]
    public void Return_lines_are_validated_like_purchase_lines()
    {
        var command = member.ReturnOf("", ("sku-1", 0), ("sku 2", 1), ("sku-1", 1)) with { StoreId = "store#1" };

        Assert.Equal(
            Refusal.Invalid("transaction_id", "store_id", "lines[0].quantity", "lines[1].sku", "lines[2].sku"),
            member.Refuses(command));
    }

    [Fact]
    public void Return_without_lines_or_with_201_lines_is_invalid()
    {
        var tooMany = Enumerable.Range(0, Limits.MaxLines + 1).Select(i => ($"sku-{i}", 1L)).ToArray();

        Assert.Equal(Refusal.Invalid("lines"), member.Refuses(member.ReturnOf("tx-1")));
        Assert.Equal(Refusal.Invalid("lines"), member.Refuses(member.ReturnOf("tx-1", tooMany)));
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(-10L)]
    [InlineData(Limits.MaxRedemptionPoints + 1)]
    public void Authorization_of_a_non_positive_or_huge_amount_is_invalid(long points)
    {
        Assert.Equal(Refusal.Invalid("points"), member.Refuses(member.AuthorizationOf(points)));
    }

    [Fact]
    public void Authorization_without_merchant_and_with_a_bad_terminal_reports_both()
    {
        var command = member.AuthorizationOf(10) with { MerchantId = "", TerminalId = "till 1" };

        Assert.Equal(Refusal.Invalid("merchant_id", "terminal_id"), member.Refuses(command));
    }

    [Fact]
    public void Authorization_without_store_and_terminal_is_valid()
    {
        member.Buy(new Basket().Line("item", 1, 1000));

        var hold = (RedemptionAuthorized)member.Handle(member.AuthorizationOf(10) with { StoreId = null, TerminalId = "" }).Result;

        Assert.Equal((null, null), (hold.StoreId, hold.TerminalId));
    }

    [Fact]
    public void Capture_and_void_need_a_well_formed_hold_id()
    {
        Assert.Equal(Refusal.Invalid("hold_id"), member.Refuses(member.CaptureOf("")));
        Assert.Equal(Refusal.Invalid("hold_id"), member.Refuses(member.VoidOf("hold 1")));
    }

    [Fact]
    public void Card_alias_with_control_characters_or_over_64_characters_is_invalid()
    {
        var stranger = TestMember.NotEnrolled();

        Assert.Equal(Refusal.Invalid("card_alias"), stranger.Refuses(stranger.Enrolment(cardAlias: "card\t1")));
        Assert.Equal(Refusal.Invalid("card_alias"), stranger.Refuses(stranger.Enrolment(cardAlias: new string('c', 65))));
        Assert.Equal(Refusal.Invalid("request_id", "member_id"), stranger.Refuses(stranger.Enrolment() with { RequestId = "", MemberId = "a b" }));
    }
}
