"""Pure logic behind the entrepreneurship worksheets (no models, no database).

`pricing` prices one product (HPP, price, break-even); `canvas` defines and cleans the nine
blocks of a business model canvas. The forms and the submission storage call these.
"""
