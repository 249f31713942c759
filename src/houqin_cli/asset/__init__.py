"""School property (校产): cards, custody, lending with IOUs, inspections, damage
and compensation, scrapping after appraisal, depreciation, the annual count."""
